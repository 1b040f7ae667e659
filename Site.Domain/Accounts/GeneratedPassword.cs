using System.Security.Cryptography;

namespace Site.Domain.Accounts;

/// <summary>
/// Random passwords for accounts the site creates itself (the first admin, an admin reset from the command line):
/// long, from a cryptographic source, with every character class so that any password policy accepts them.
/// </summary>
public static class GeneratedPassword
{
    public const int DefaultLength = 24;

    // Look-alike characters (0/O, 1/l/I) and shell-special ones (!, #, $, quotes) are left out: the password is read
    // off a terminal and typed or pasted by hand, possibly into a shell.
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Digits = "23456789";
    private const string Symbols = "-_.@%+=";
    private const string All = Upper + Lower + Digits + Symbols;

    public static string Create(int length = DefaultLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 16);
        var chars = new char[length];
        chars[0] = Pick(Upper);
        chars[1] = Pick(Lower);
        chars[2] = Pick(Digits);
        chars[3] = Pick(Symbols);
        for (var i = 4; i < length; i++)
        {
            chars[i] = Pick(All);
        }

        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }

    private static char Pick(string set) => set[RandomNumberGenerator.GetInt32(set.Length)];
}
