using System.Text.RegularExpressions;

namespace Site.Domain.Comments;

/// <summary>What a reader submits: the text, and for anonymous readers an optional name and email.</summary>
/// <param name="Honeypot">A field hidden from people; only a bot that fills every field puts something in it.</param>
public sealed record CommentSubmission(string? Content, string? Name, string? Email, string? Honeypot);

/// <summary>
/// The rules a comment must pass before it is stored. Each refusal is its own sentence, so the reader learns what to
/// change; the spam rules (honeypot, links, repeated characters) are here too, because they are rules about the text.
/// </summary>
public static partial class CommentRules
{
    public const int MaxContentLength = 2000;
    public const int MaxNameLength = 100;
    public const int MaxEmailLength = 254;
    public const int MaxLinks = 3;

    /// <summary>A run of this many of the same character is refused (keyboard mashing, "!!!!!!!!!!!").</summary>
    public const int RepeatedCharacterLimit = 11;

    public const string HoneypotFilled = "Your comment looks automated and was not accepted. If you are a person, leave the last field of the form empty.";
    public const string Blank = "Write something before sending: the comment is empty.";
    public static readonly string TooLong = $"The comment is too long: at most {MaxContentLength:N0} characters.";
    public static readonly string NameTooLong = $"The name is too long: at most {MaxNameLength} characters.";
    public const string BadEmail = "The email address does not look right; correct it or leave it empty.";
    public static readonly string TooManyLinks = $"The comment has more than {MaxLinks} links; remove some and send it again.";
    public static readonly string RepeatedCharacters = $"The comment repeats one character {RepeatedCharacterLimit} or more times in a row; shorten that run.";
    public const string ControlCharacters = "The comment contains invisible control characters; remove them and send it again.";
    public const string UnknownPost = "There is no post at this address to comment on; it may have been moved or removed.";
    public const string UnknownParent = "The comment you are replying to is not there any more; send yours as a new comment instead.";

    /// <summary>Null when the submission may be stored, otherwise the sentence that says why not.</summary>
    public static string? Problem(CommentSubmission submission)
    {
        if (!string.IsNullOrEmpty(submission.Honeypot))
        {
            return HoneypotFilled;
        }

        var content = submission.Content ?? "";
        if (string.IsNullOrWhiteSpace(content))
        {
            return Blank;
        }

        if (content.Length > MaxContentLength)
        {
            return TooLong;
        }

        if (content.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            return ControlCharacters;
        }

        if (CountLinks(content) > MaxLinks)
        {
            return TooManyLinks;
        }

        if (LongestRun(content) >= RepeatedCharacterLimit)
        {
            return RepeatedCharacters;
        }

        if (submission.Name is { } name && (name.Trim().Length > MaxNameLength || name.Any(char.IsControl)))
        {
            return name.Any(char.IsControl) ? ControlCharacters : NameTooLong;
        }

        if (!string.IsNullOrWhiteSpace(submission.Email) && !IsEmail(submission.Email.Trim()))
        {
            return BadEmail;
        }

        return null;
    }

    /// <summary>Addresses in the text: http(s) URLs, <c>www.</c> names and Markdown link targets, each counted once per occurrence.</summary>
    public static int CountLinks(string content) => LinkPattern().Count(content);

    /// <summary>The longest run of one character. Whitespace counts too: a wall of blank lines is no comment either.</summary>
    public static int LongestRun(string content)
    {
        var longest = 0;
        var run = 0;
        for (var i = 0; i < content.Length; i++)
        {
            run = i > 0 && content[i] == content[i - 1] ? run + 1 : 1;
            longest = Math.Max(longest, run);
        }

        return longest;
    }

    private static bool IsEmail(string email) =>
        email.Length <= MaxEmailLength && EmailPattern().IsMatch(email);

    /// <summary>The name shown for an anonymous comment: what was given, trimmed, or "Anonymous".</summary>
    public static string DisplayName(string? name) => string.IsNullOrWhiteSpace(name) ? "Anonymous" : name.Trim();

    [GeneratedRegex(@"(?:https?://|ftp://|\bwww\.)\S+|\]\([^)\s]+\)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"^[^@\s<>""]+@[^@\s<>""]+\.[^@\s<>""]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();
}
