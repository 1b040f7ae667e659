namespace Site.Domain.Blog;

/// <summary>How long a post takes to read, from its words.</summary>
public static class ReadingTime
{
    /// <summary>A common estimate for on-screen reading of technical prose, a little under the 238 wpm average.</summary>
    public const int WordsPerMinute = 200;

    /// <summary>Words are runs of letters or digits (with inner apostrophes and hyphens); punctuation alone is not one.</summary>
    public static int CountWords(string plainText)
    {
        var count = 0;
        var inWord = false;
        foreach (var c in plainText)
        {
            var wordChar = char.IsLetterOrDigit(c) || (inWord && c is '\'' or '’' or '-' or '_');
            if (wordChar && !inWord)
            {
                count++;
            }

            inWord = wordChar;
        }

        return count;
    }

    /// <summary>Whole minutes, rounded up, and never less than one: "0 min read" helps nobody.</summary>
    public static int Minutes(int wordCount) => Math.Max(1, (wordCount + WordsPerMinute - 1) / WordsPerMinute);
}
