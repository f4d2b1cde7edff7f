[assembly: CaptureConsole]
[assembly: AssemblyFixture(typeof(Outreach.EndToEndTests.OutreachApp))]
[assembly: CollectionBehavior(DisableTestParallelization = true)]
