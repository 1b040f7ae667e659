namespace Site.TestSupport;

/// <summary>Finds a host project's built entry assembly, so tests can run the host exactly as it ships.</summary>
public static class BuiltHost
{
    /// <summary>
    /// The path of <c>{project}.dll</c>, preferring the project's own output folder for the configuration and target
    /// framework the tests were built with (it holds the host's appsettings.json and runtime config), else the copy
    /// that the project reference put next to the test assembly.
    /// </summary>
    public static string EntryAssembly(string project)
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var targetFramework = testOutput.Name;
        var configuration = testOutput.Parent?.Name ?? "Debug";
        var candidates = new[]
        {
            Path.Combine(TestServices.RepositoryRoot, project, "bin", configuration, targetFramework, project + ".dll"),
            Path.Combine(testOutput.FullName, project + ".dll"),
        };
        return candidates.FirstOrDefault(path => File.Exists(path) && File.Exists(Path.ChangeExtension(path, ".runtimeconfig.json")))
            ?? throw new InvalidOperationException(
                $"{project} is not built; looked for {string.Join(" and ", candidates)}. Build the solution first (./test does).");
    }
}
