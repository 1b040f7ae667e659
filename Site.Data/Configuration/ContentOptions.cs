namespace Site.Data.Configuration;

/// <summary>Settings under <c>Site:Content</c>: where the posts and data files are, and where their history lives.</summary>
public sealed class ContentOptions : ISiteOptions
{
    public const string Section = "Site:Content";

    /// <summary>The placeholder in <see cref="HistoryUrlTemplate"/> that becomes the file's path in the repository.</summary>
    public const string PathPlaceholder = "{path}";

    /// <summary>The content folder (posts, data files, images); a relative path is taken from the host's content root.</summary>
    public string Path { get; set; } = "content";

    /// <summary>
    /// The address of a file's change history in the repository, with <c>{path}</c> where the file's path inside the
    /// repository goes, e.g. <c>https://git.example.org/me/site/commits/main/{path}</c>. Empty: posts show no history link.
    /// </summary>
    public string? HistoryUrlTemplate { get; set; }

    /// <summary>Where the content folder sits inside the repository, to build history links (usually <c>content</c>).</summary>
    public string RepositoryFolder { get; set; } = "content";

    /// <summary>Sync the content folder into the database, in the background, once the web host has started.</summary>
    public bool SyncAtStart { get; set; } = true;

    /// <summary>The jobs host watches the content folder and queues a sync when files change.</summary>
    public bool WatchForChanges { get; set; } = true;

    /// <summary>How long the folder must stay quiet after a change before the sync is queued (a checkout touches many files).</summary>
    public TimeSpan WatchQuietPeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The content folder as an absolute path.</summary>
    public string FullPath(string contentRoot) => System.IO.Path.GetFullPath(Path, contentRoot);

    /// <summary>The history link for a file at <paramref name="sourcePath"/> inside the content folder, or null.</summary>
    public string? HistoryUrl(string sourcePath) =>
        string.IsNullOrWhiteSpace(HistoryUrlTemplate)
            ? null
            : HistoryUrlTemplate.Replace(PathPlaceholder, string.Join('/', new[] { RepositoryFolder.Trim('/'), sourcePath }.Where(s => s.Length > 0)), StringComparison.Ordinal);

    public IEnumerable<string> Validate(string sectionPath)
    {
        if (string.IsNullOrWhiteSpace(Path))
        {
            yield return $"{sectionPath}:Path is required (the folder with posts/, categories.yml, projects.yml and books.yml).";
        }

        if (WatchQuietPeriod < TimeSpan.Zero || WatchQuietPeriod > TimeSpan.FromMinutes(10))
        {
            yield return $"{sectionPath}:WatchQuietPeriod must be between 00:00:00 and 00:10:00.";
        }

        if (!string.IsNullOrWhiteSpace(HistoryUrlTemplate))
        {
            var sample = HistoryUrlTemplate.Replace(PathPlaceholder, "x", StringComparison.Ordinal);
            if (!HistoryUrlTemplate.Contains(PathPlaceholder, StringComparison.Ordinal))
            {
                yield return $"{sectionPath}:HistoryUrlTemplate must contain {PathPlaceholder} where the file's path goes.";
            }
            else if (!(Uri.TryCreate(sample, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            {
                yield return $"{sectionPath}:HistoryUrlTemplate must be an absolute http(s) address, not '{HistoryUrlTemplate}'.";
            }
        }
    }
}
