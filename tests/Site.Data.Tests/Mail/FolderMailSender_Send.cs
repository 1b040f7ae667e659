using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Site.Data.Configuration;
using Site.Data.Mail;

namespace Site.Data.Tests.Mail;

public sealed class FolderMailSender_Send : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "site-mail-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
    private readonly FolderMailSender _sender;

    public FolderMailSender_Send()
    {
        _sender = new FolderMailSender(
            Options.Create(new MailOptions { Folder = _folder, From = "Anna's Site <site@anna.example>" }), _clock,
            NullLogger<FolderMailSender>.Instance);
    }

    [Fact]
    public async Task WritesAMessageThatMailClientsCanOpen()
    {
        await _sender.SendAsync(new OutgoingMail(
            "Bob Reader <bob@example.test>", "Neuer Kommentar zu „Sommer“ ✓", "Hallo Bob,\nein neuer Kommentar.", "<p>Hallo <b>Bob</b></p>"));

        var file = Assert.Single(Directory.GetFiles(_folder, "*.eml"));
        var message = await MimeMessage.LoadAsync(file);
        Assert.Equal("bob@example.test", Assert.Single(message.To.Mailboxes).Address);
        Assert.Equal("site@anna.example", Assert.Single(message.From.Mailboxes).Address);
        Assert.Equal("Neuer Kommentar zu „Sommer“ ✓", message.Subject);
        Assert.Equal("Hallo Bob,\nein neuer Kommentar.", message.TextBody?.ReplaceLineEndings("\n").TrimEnd('\n'));
        Assert.Equal("<p>Hallo <b>Bob</b></p>", message.HtmlBody?.Trim());
        Assert.False(string.IsNullOrEmpty(message.MessageId));
    }

    [Fact]
    public async Task NamesFilesSoTheyListInTheOrderTheyWereSent()
    {
        await _sender.SendAsync(new OutgoingMail("a@example.test", "first", "1"));
        _clock.Advance(TimeSpan.FromSeconds(1));
        await _sender.SendAsync(new OutgoingMail("a@example.test", "second", "2"));

        var files = Directory.GetFiles(_folder, "*.eml").Order(StringComparer.Ordinal).ToList();
        Assert.StartsWith("20260102-030405-", Path.GetFileName(files[0]));
        Assert.Equal(["first", "second"], files.Select(f => MimeMessage.Load(f).Subject));
    }

    [Fact]
    public async Task AMessageWithoutHtml_HasOnlyText()
    {
        await _sender.SendAsync(new OutgoingMail("a@example.test", "plain", "just text"));

        var message = await MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(_folder, "*.eml")));
        Assert.Null(message.HtmlBody);
        Assert.Equal("just text", message.TextBody?.Trim());
    }

    [Theory]
    [InlineData("not an address")]
    [InlineData("alice")]
    [InlineData("alice@")]
    [InlineData("@example.test")]
    [InlineData("a@example.test, b@example.test")]
    [InlineData("")]
    public async Task ABadRecipient_IsRefusedWithAClearMessage_AndNothingIsWritten(string to)
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => _sender.SendAsync(new OutgoingMail(to, "hello", "text")));

        Assert.Contains($"'{to}' is not a mail address", ex.Message);
        Assert.False(Directory.Exists(_folder) && Directory.EnumerateFiles(_folder).Any());
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
