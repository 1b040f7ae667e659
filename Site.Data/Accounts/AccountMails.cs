using Site.Data.Mail;

namespace Site.Data.Accounts;

/// <summary>The text of the mails the accounts feature sends.</summary>
public static class AccountMails
{
    public static OutgoingMail PasswordReset(string email, Uri resetLink, TimeSpan validFor)
    {
        var site = resetLink.Authority;
        var text =
            $"""
            Someone, hopefully you, asked to reset the password of the account {email} on {site}.

            Open this link within {Describe(validFor)} to choose a new password (it works once):
            {resetLink}

            If you did not ask for this, ignore this mail: your password stays as it is.
            """;
        return new OutgoingMail(email, $"Reset your password on {site}", text);
    }

    private static string Describe(TimeSpan span) => span switch
    {
        { TotalDays: >= 1 } when span.TotalDays % 1 == 0 => Plural((int)span.TotalDays, "day"),
        { TotalHours: >= 1 } when span.TotalHours % 1 == 0 => Plural((int)span.TotalHours, "hour"),
        { TotalMinutes: >= 1 } => Plural((int)Math.Ceiling(span.TotalMinutes), "minute"),
        _ => Plural((int)Math.Ceiling(span.TotalSeconds), "second"),
    };

    private static string Plural(int count, string unit) => count == 1 ? $"1 {unit}" : $"{count} {unit}s";
}
