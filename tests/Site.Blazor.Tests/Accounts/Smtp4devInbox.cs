using System.Net.Http.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Site.TestSupport;

namespace Site.Blazor.Tests.Accounts;

/// <summary>Reads what arrived at the test SMTP server through smtp4dev's HTTP API.</summary>
public static partial class Smtp4devInbox
{
    private static readonly HttpClient Api = new() { BaseAddress = new Uri(TestServices.SmtpApi), Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>The plain-text bodies of every message to <paramref name="address"/>, oldest first.</summary>
    public static async Task<IReadOnlyList<string>> MessagesToAsync(string address)
    {
        var page = await Api.GetFromJsonAsync<MessagePage>("/api/messages?pageSize=1000")
            ?? throw new InvalidOperationException("smtp4dev returned no message list");
        var bodies = new List<string>();
        foreach (var message in page.Results.Where(m => m.To.Contains(address, StringComparer.OrdinalIgnoreCase)).OrderBy(m => m.ReceivedDate))
        {
            bodies.Add(await Api.GetStringAsync($"/api/messages/{message.Id}/plaintext"));
        }

        return bodies;
    }

    /// <summary>Waits for the <paramref name="count"/>th message to <paramref name="address"/> and returns its body.</summary>
    public static async Task<string> WaitForMessageAsync(string address, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var messages = await MessagesToAsync(address);
            if (messages.Count >= count)
            {
                return messages[count - 1];
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No message number {count} to {address} reached smtp4dev");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>The site-relative reset link in a reset mail (path and query).</summary>
    public static string ResetLinkIn(string body)
    {
        var match = ResetLink().Match(body);
        Assert.True(match.Success, "The mail holds no reset link:\n" + body);
        var link = new Uri(match.Value);
        return link.PathAndQuery;
    }

    [GeneratedRegex(@"https?://\S+/account/reset-password\?\S+")]
    private static partial Regex ResetLink();

    private sealed record MessagePage([property: JsonPropertyName("results")] List<MessageSummary> Results);

    private sealed record MessageSummary(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("to")] List<string> To,
        [property: JsonPropertyName("receivedDate")] DateTimeOffset ReceivedDate);
}
