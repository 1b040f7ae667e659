using System.Net.Http.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using Site.Data.Configuration;
using Site.Data.Mail;
using Site.TestSupport;

namespace Site.Data.Tests.Mail;

/// <summary>Sends through the real SMTP server (smtp4dev) that ./test starts and reads the message back from its API.</summary>
public sealed class SmtpMailSender_Send : IDisposable
{
    private readonly HttpClient _api = new() { BaseAddress = new Uri(TestServices.SmtpApi), Timeout = TimeSpan.FromSeconds(10) };

    private static SmtpMailSender Sender(int port) => new(
        Options.Create(new MailOptions
        {
            Kind = MailKind.Smtp,
            From = "Site <site@example.test>",
            Smtp = new SmtpOptions { Host = "127.0.0.1", Port = port, Security = SmtpSecurity.None },
        }),
        NullLogger<SmtpMailSender>.Instance);

    [Fact]
    public async Task TheServerReceivesTheMessageForTheRecipient()
    {
        var subject = "Your album is ready " + Guid.NewGuid().ToString("N");

        await Sender(TestServices.SmtpPort).SendAsync(
            new OutgoingMail("Carla <carla@example.test>", subject, "Download it here.", "<p>Download it <a href=\"https://x.test\">here</a>.</p>"));

        var received = await FindAsync(subject);
        Assert.Equal(["carla@example.test"], received.To);
        Assert.Equal(subject, received.Subject);
        var raw = await _api.GetStreamAsync($"api/messages/{received.Id}/raw");
        var message = await MimeMessage.LoadAsync(raw);
        Assert.Equal("site@example.test", Assert.Single(message.From.Mailboxes).Address);
        Assert.Equal("Download it here.", message.TextBody?.Trim());
        Assert.Contains("<a href=\"https://x.test\">here</a>", message.HtmlBody);
    }

    [Fact]
    public async Task ABadRecipient_IsRefusedBeforeAnythingIsSent()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() =>
            Sender(TestServices.SmtpPort).SendAsync(new OutgoingMail("carla at example", "never sent", "text")));

        Assert.Contains("'carla at example' is not a mail address", ex.Message);
    }

    [Fact]
    public async Task AnUnreachableServer_FailsInsteadOfPretendingToSend()
    {
        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() =>
            Sender(port: 1).SendAsync(new OutgoingMail("carla@example.test", "lost", "text")));
    }

    public void Dispose() => _api.Dispose();

    /// <summary>The message with this subject, once the server has stored it.</summary>
    private async Task<ReceivedMessage> FindAsync(string subject)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var page = await _api.GetFromJsonAsync<MessagePage>($"api/messages?searchTerms={Uri.EscapeDataString(subject)}&pageSize=50");
            var match = page?.Results.Where(m => m.Subject == subject).ToList() ?? [];
            if (match.Count > 0 || DateTime.UtcNow > deadline)
            {
                return Assert.Single(match);
            }

            await Task.Delay(100);
        }
    }

    private sealed record MessagePage(List<ReceivedMessage> Results);

    private sealed record ReceivedMessage(string Id, string Subject, List<string> To);
}
