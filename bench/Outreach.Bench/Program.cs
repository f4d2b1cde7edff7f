Console.WriteLine("Outreach benchmark harness: see README in bench/.");
