using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Site.Domain.Photos;

namespace Site.Domain.Albums;

/// <summary>One photo going into an album's ZIP, in display order.</summary>
public sealed record AlbumZipSource(Guid PhotoId, string Sha256, string OriginalFileName);

/// <summary>
/// Names of the entries of an album's ZIP: numbered in display order with enough digits for the album (at least
/// three: "001_beach.jpg") and the original name, made safe, after it. The number makes every name unique, also on
/// case-insensitive file systems (two "IMG_1.jpg" unpack as "001_IMG_1.jpg" and "002_IMG_1.jpg"), and makes the
/// names sort in album order.
/// </summary>
public static class AlbumZipEntries
{
    public static IReadOnlyList<string> Names(IReadOnlyList<string> originalFileNames)
    {
        var digits = Math.Max(3, originalFileNames.Count.ToString(CultureInfo.InvariantCulture).Length);
        var names = new List<string>(originalFileNames.Count);
        for (var i = 0; i < originalFileNames.Count; i++)
        {
            var number = (i + 1).ToString(new string('0', digits), CultureInfo.InvariantCulture);
            names.Add($"{number}_{PhotoFileName.Sanitize(originalFileNames[i])}");
        }

        return names;
    }

    /// <summary>
    /// What the ZIP holds, as one hash: every photo's bytes (its SHA-256) and entry name, in order. The ZIP is rebuilt
    /// only when this changes, so reordering or swapping photos rebuilds it and renaming the album does not.
    /// </summary>
    public static string ContentHash(IReadOnlyList<AlbumZipSource> photos)
    {
        var names = Names(photos.Select(p => p.OriginalFileName).ToList());
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (var i = 0; i < photos.Count; i++)
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"{photos[i].Sha256}\n{names[i]}\n"));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}

/// <summary>Where an album's ZIP is in its life.</summary>
public enum AlbumZipStatus
{
    /// <summary>No ZIP: downloads are off or the album is empty.</summary>
    None,

    /// <summary>A build is queued (it waits for the album to stop changing).</summary>
    Pending,

    Generating,

    /// <summary>The ZIP at the album's ZIP key is complete and matches the album.</summary>
    Ready,

    Failed,
}
