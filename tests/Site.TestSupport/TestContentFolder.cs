using System.Text;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Site.Data.Configuration;
using Site.Data.Content;

namespace Site.TestSupport;

/// <summary>
/// A content folder of the test's own (posts, data files, images) in a temporary directory, removed when disposed.
/// It starts with the five categories, so a test writes only the posts it is about.
/// </summary>
public sealed class TestContentFolder : IDisposable
{
    public const string Categories = """
        - slug: personal
          name: Personal
        - slug: projects
          name: Projects
        - slug: reviews
          name: Reviews
        - slug: tech
          name: Tech
          description: Software and the web.
        - slug: hobbies
          name: Hobbies
        """;

    public TestContentFolder()
    {
        Path = Directory.CreateTempSubdirectory("site-content-test-").FullName;
        Write("categories.yml", Categories);
        Write("projects.yml", "[]");
        Write("books.yml", "[]");
        Directory.CreateDirectory(System.IO.Path.Combine(Path, "posts"));
    }

    public string Path { get; }

    /// <summary>A content sync of this folder into <paramref name="database"/>, built as the hosts build it.</summary>
    public ContentSync SyncInto(TestDatabase database, SiteIdentityOptions? site = null) => new(
        database.CreateContextFactory(),
        Options.Create(new ContentOptions { Path = Path }),
        new HostingEnvironment { ContentRootPath = "/" },
        TimeProvider.System,
        NullLogger<ContentSync>.Instance,
        site is null ? null : Options.Create(site));

    /// <summary>Writes a post with the usual front matter; <paramref name="extraFrontMatter"/> lines are added before the closing ---.</summary>
    public string Post(string category, string fileName, string title, string date, string body, string extraFrontMatter = "")
    {
        var text = new StringBuilder()
            .Append("---\n")
            .Append("title: ").Append(title).Append('\n')
            .Append("date: ").Append(date).Append('\n')
            .Append(extraFrontMatter.Length > 0 ? extraFrontMatter.TrimEnd('\n') + "\n" : "")
            .Append("---\n")
            .Append(body)
            .ToString();
        return Write($"posts/{category}/{fileName}", text);
    }

    /// <summary>Writes a text file and returns its path inside the content folder.</summary>
    public string Write(string relativePath, string text)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text.Replace("\r\n", "\n"));
        return relativePath;
    }

    public string WriteBytes(string relativePath, byte[] bytes)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        return relativePath;
    }

    public void Delete(string relativePath) => File.Delete(System.IO.Path.Combine(Path, relativePath));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Left in /tmp, which the machine cleans.
        }
    }
}
