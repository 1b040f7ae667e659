using System.Security.Cryptography;
using System.Text;
using Site.Data.Content.Rendering;
using Site.Domain.Blog;

namespace Site.Data.Content;

/// <summary>A problem in a content file, named by the file (relative to the content folder) and line.</summary>
public sealed record ContentErrorReport(string SourcePath, int? Line, string Message)
{
    public override string ToString() => Line is null ? $"{SourcePath}: {Message}" : $"{SourcePath}:{Line}: {Message}";
}

/// <summary>A post file that passed every check, rendered, with the hash of everything that will be stored.</summary>
public sealed record LoadedPost(
    PostAddress Address,
    int Number,
    PostMetadata Metadata,
    string? ImagePath,
    RenderedMarkdown Rendered,
    int WordCount,
    string SourcePath,
    string ContentHash);

/// <summary>A prose page (<c>content/about.md</c>), rendered.</summary>
public sealed record LoadedPage(string Slug, string Html, string ContentHash);

/// <summary>Everything the content folder holds, checked and rendered, before anything is written.</summary>
public sealed record LoadedContent(
    IReadOnlyList<CategoryEntry> Categories,
    IReadOnlyList<ProjectEntry> Projects,
    IReadOnlyList<BookEntry> Books,
    IReadOnlyList<LoadedPage> Pages,
    IReadOnlyList<LoadedPost> Posts,
    IReadOnlySet<PostAddress> AddressesWithFiles,
    IReadOnlyList<ContentErrorReport> Errors);

/// <summary>
/// Reads the content folder into <see cref="LoadedContent"/>: posts under <c>posts/&lt;category&gt;/</c>, the data files
/// <c>categories.yml</c>, <c>projects.yml</c> and <c>books.yml</c>, prose pages (<c>*.md</c> at the top) and images under
/// <c>images/</c>. A broken file is reported and left out; it never stops the others. It touches no database.
/// </summary>
public static class ContentLoader
{
    /// <summary>Bumped when rendering changes, so every stored post is re-rendered even though its file did not change.</summary>
    public const string RendererVersion = "1";

    public const string CategoriesFile = "categories.yml";
    public const string ProjectsFile = "projects.yml";
    public const string BooksFile = "books.yml";

    /// <param name="ownHosts">This site's host names: absolute links to its posts count as links to posts.</param>
    public static LoadedContent Load(string contentFolder, IReadOnlyCollection<string>? ownHosts = null)
    {
        var errors = new List<ContentErrorReport>();
        if (!Directory.Exists(contentFolder))
        {
            errors.Add(new(".", null, $"the content folder '{contentFolder}' does not exist; set Site:Content:Path."));
            return new([], [], [], [], [], new HashSet<PostAddress>(), errors);
        }

        var images = ListImages(contentFolder);
        var sizes = new Dictionary<string, (int, int)?>(StringComparer.Ordinal);
        (int Width, int Height)? ImageSize(string contentPath)
        {
            if (!images.Contains(contentPath))
            {
                return null;
            }

            if (!sizes.TryGetValue(contentPath, out var size))
            {
                size = ContentFiles.ImageSize(Path.Combine(contentFolder, contentPath));
                sizes[contentPath] = size;
            }

            return size;
        }

        var categories = ReadDataFile(contentFolder, CategoriesFile, DataFileRules.Category, c => c.Slug, errors);
        var projects = ReadDataFile(contentFolder, ProjectsFile, DataFileRules.Project, p => p.Slug, errors);
        var books = ReadDataFile(contentFolder, BooksFile, DataFileRules.Book, b => b.Slug, errors);
        foreach (var book in books.Where(b => b.Cover is not null))
        {
            CheckImage(BooksFile, null, book.Cover!, images, errors, $"the cover of '{book.Slug}'");
        }

        var pages = ReadPages(contentFolder, images, ImageSize, ownHosts, errors);
        var categorySlugs = categories.Select(c => c.Slug).ToList();
        var (posts, addressesWithFiles) = ReadPosts(contentFolder, categorySlugs, images, ImageSize, ownHosts, errors);
        CheckPostLinks(posts, addressesWithFiles, errors);

        // The same problem twice on one line (a link repeated) is one thing to fix.
        return new(categories, projects, books, pages, posts, addressesWithFiles, errors.Distinct().ToList());
    }

    private static HashSet<string> ListImages(string contentFolder)
    {
        var folder = Path.Combine(contentFolder, ContentLinks.ImagesFolder);
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Relative(contentFolder, f)).ToHashSet(StringComparer.Ordinal)
            : [];
    }

    private static List<T> ReadDataFile<T>(
        string contentFolder,
        string fileName,
        Func<IReadOnlyList<ContentField>, int, (T? Entry, IReadOnlyList<ContentProblem> Problems)> check,
        Func<T, string> slugOf,
        List<ContentErrorReport> errors)
        where T : class
    {
        var entries = new List<T>();
        var fullPath = Path.Combine(contentFolder, fileName);
        if (!File.Exists(fullPath))
        {
            errors.Add(new(fileName, null, "the file is missing."));
            return entries;
        }

        var (text, problem) = ContentFiles.ReadText(fullPath);
        if (text is null)
        {
            errors.Add(new(fileName, null, problem!));
            return entries;
        }

        var (raw, problems) = YamlFields.ReadList(text);
        errors.AddRange(problems.Select(p => new ContentErrorReport(fileName, p.Line, p.Message)));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, fields) in raw)
        {
            var (entry, entryProblems) = check(fields, line);
            errors.AddRange(entryProblems.Select(p => new ContentErrorReport(fileName, p.Line, p.Message)));
            if (entry is null)
            {
                continue;
            }

            if (!seen.Add(slugOf(entry)))
            {
                errors.Add(new(fileName, line, $"the slug '{slugOf(entry)}' is used twice; slugs must be unique."));
                continue;
            }

            entries.Add(entry);
        }

        return entries;
    }

    private static List<LoadedPage> ReadPages(string contentFolder, HashSet<string> images, Func<string, (int, int)?> imageSize, IReadOnlyCollection<string>? ownHosts, List<ContentErrorReport> errors)
    {
        var pages = new List<LoadedPage>();
        foreach (var file in Directory.EnumerateFiles(contentFolder, "*" + PostFileName.Extension).Order(StringComparer.Ordinal))
        {
            var sourcePath = Relative(contentFolder, file);
            var slug = Path.GetFileNameWithoutExtension(file);
            if (!Slugs.IsValid(slug))
            {
                errors.Add(new(sourcePath, null, $"'{slug}' is not a valid page name; use lower-case letters, digits and hyphens."));
                continue;
            }

            var (text, problem) = ContentFiles.ReadText(file);
            if (text is null)
            {
                errors.Add(new(sourcePath, null, problem!));
                continue;
            }

            var rendered = MarkdownRenderer.Render(text, sourcePath, 1, imageSize, ownHosts);
            errors.AddRange(rendered.Problems.Select(p => new ContentErrorReport(sourcePath, p.Line, p.Message)));
            foreach (var reference in rendered.Files)
            {
                CheckImage(sourcePath, reference.Line, "/" + reference.ContentPath, images, errors, "it");
            }

            pages.Add(new(slug, rendered.Html, Hash(RendererVersion, rendered.Html)));
        }

        return pages;
    }

    private static (List<LoadedPost> Posts, HashSet<PostAddress> AddressesWithFiles) ReadPosts(
        string contentFolder,
        IReadOnlyCollection<string> categories,
        HashSet<string> images,
        Func<string, (int, int)?> imageSize,
        IReadOnlyCollection<string>? ownHosts,
        List<ContentErrorReport> errors)
    {
        var posts = new List<LoadedPost>();
        var addresses = new HashSet<PostAddress>();
        var postsFolder = Path.Combine(contentFolder, ContentLinks.PostsFolder);
        if (!Directory.Exists(postsFolder))
        {
            errors.Add(new(ContentLinks.PostsFolder, null, "the posts folder is missing."));
            return (posts, addresses);
        }

        var numbers = new Dictionary<int, string>();
        foreach (var file in Directory.EnumerateFiles(postsFolder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var sourcePath = Relative(contentFolder, file);
            var parts = sourcePath.Split('/');
            if (parts.Length != 3)
            {
                errors.Add(new(sourcePath, null, "posts must sit directly in a category folder: posts/<category>/<number>-<slug>.md."));
                continue;
            }

            var (number, slug, nameProblem) = PostFileName.Parse(parts[2]);
            if (nameProblem is not null)
            {
                errors.Add(new(sourcePath, null, nameProblem));
                continue;
            }

            var address = new PostAddress(parts[1], slug);
            if (!addresses.Add(address))
            {
                errors.Add(new(sourcePath, null, $"another file already has the address {address.Path}; slugs must be unique within a category."));
                continue;
            }

            if (numbers.TryGetValue(number, out var other))
            {
                errors.Add(new(sourcePath, null, $"the number {number} is already used by {other}; post numbers must be unique."));
                continue;
            }

            numbers[number] = sourcePath;
            var post = ReadPost(file, sourcePath, address, number, categories, images, imageSize, ownHosts, errors);
            if (post is not null)
            {
                posts.Add(post);
            }
        }

        return (posts, addresses);
    }

    private static LoadedPost? ReadPost(
        string file,
        string sourcePath,
        PostAddress address,
        int number,
        IReadOnlyCollection<string> categories,
        HashSet<string> images,
        Func<string, (int, int)?> imageSize,
        IReadOnlyCollection<string>? ownHosts,
        List<ContentErrorReport> errors)
    {
        var (text, problem) = ContentFiles.ReadText(file);
        if (text is null)
        {
            errors.Add(new(sourcePath, null, problem!));
            return null;
        }

        var lines = text.Split('\n');
        var end = Array.FindIndex(lines, 1, l => l.TrimEnd() is "---" or "...");
        if (lines[0].TrimEnd() != "---" || end < 0)
        {
            errors.Add(new(sourcePath, 1, "the file must start with front matter: a line '---', 'key: value' lines (title, date, …), and a closing '---'."));
            return null;
        }

        var (fields, yamlProblems) = YamlFields.ReadMapping(string.Join('\n', lines[1..end]), firstLine: 2);
        var (metadata, metadataProblems) = PostMetadataRules.Check(fields, address.Category, categories, frontMatterLine: 1);
        var problems = yamlProblems.Concat(metadataProblems).ToList();
        if (metadata is null || yamlProblems.Count > 0)
        {
            errors.AddRange(problems.Select(p => new ContentErrorReport(sourcePath, p.Line, p.Message)));
            return null;
        }

        string? imagePath = null;
        if (metadata.Image is { } image)
        {
            var imageLine = fields.First(f => f.Key == "image").Line;
            imagePath = CheckImage(sourcePath, imageLine, image, images, errors, "image");
        }

        var body = string.Join('\n', lines[(end + 1)..]);
        var rendered = MarkdownRenderer.Render(body, sourcePath, end + 2, imageSize, ownHosts);
        errors.AddRange(rendered.Problems.Select(p => new ContentErrorReport(sourcePath, p.Line, p.Message)));
        foreach (var reference in rendered.Files)
        {
            CheckImage(sourcePath, reference.Line, "/" + reference.ContentPath, images, errors, "the link");
        }

        var words = ReadingTime.CountWords(rendered.PlainText);
        var hash = Hash(RendererVersion, number.ToString(System.Globalization.CultureInfo.InvariantCulture), metadata.Title, metadata.Description ?? "",
            metadata.Date.ToString("O"), string.Join(',', metadata.Tags), imagePath ?? "", metadata.IsDraft ? "draft" : "", rendered.Html, sourcePath);
        return new(address, number, metadata, imagePath, rendered, words, sourcePath, hash);
    }

    /// <summary>Reports a link to a post that does not load, or a published post linking to a draft.</summary>
    private static void CheckPostLinks(List<LoadedPost> posts, HashSet<PostAddress> addressesWithFiles, List<ContentErrorReport> errors)
    {
        var byAddress = posts.ToDictionary(p => p.Address);
        foreach (var post in posts)
        {
            foreach (var link in post.Rendered.PostLinks)
            {
                if (byAddress.TryGetValue(link.Target, out var target))
                {
                    if (target.Metadata.IsDraft && !post.Metadata.IsDraft)
                    {
                        errors.Add(new(post.SourcePath, link.Line, $"the link to {link.Target.Path} points at a draft, which readers cannot open yet."));
                    }
                }
                else if (addressesWithFiles.Contains(link.Target))
                {
                    errors.Add(new(post.SourcePath, link.Line, $"the link to {link.Target.Path} points at a post whose file has errors (see that file)."));
                }
                else
                {
                    errors.Add(new(post.SourcePath, link.Line, $"the link to {link.Target.Path} points at a post that does not exist."));
                }
            }
        }
    }

    /// <summary>Resolves an image reference and reports it when it is not a file under images/; returns its site path.</summary>
    private static string? CheckImage(string sourcePath, int? line, string reference, HashSet<string> images, List<ContentErrorReport> errors, string what)
    {
        var resolved = ContentLinks.Resolve(sourcePath, reference);
        switch (resolved.Target)
        {
            case LinkTarget.ContentFile when images.Contains(resolved.ContentPath!):
                return resolved.Href;
            case LinkTarget.ContentFile:
                errors.Add(new(sourcePath, line, $"{what} refers to {resolved.ContentPath}, which is not in the content folder."));
                return null;
            case LinkTarget.External when reference.StartsWith("http", StringComparison.OrdinalIgnoreCase):
                return resolved.Href;
            default:
                errors.Add(new(sourcePath, line, resolved.Problem ?? $"{what} must be an image under content/images/ or an http(s) address."));
                return null;
        }
    }

    private static string Relative(string contentFolder, string fullPath) =>
        Path.GetRelativePath(contentFolder, fullPath).Replace('\\', '/');

    private static string Hash(params string[] parts)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in parts)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(part));
            sha.AppendData([0]);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
