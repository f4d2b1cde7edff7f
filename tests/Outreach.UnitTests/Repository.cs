namespace Outreach.UnitTests;

internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Outreach.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No Outreach.sln above {AppContext.BaseDirectory}.");
    }
}
