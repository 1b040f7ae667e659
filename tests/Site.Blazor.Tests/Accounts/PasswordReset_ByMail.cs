using System.Net;

namespace Site.Blazor.Tests.Accounts;

/// <summary>The whole reset path against the real SMTP server: request, mail, link, new password, login.</summary>
public class PasswordReset_ByMail(AccountsSiteWithMailFixture fixture) : IClassFixture<AccountsSiteWithMailFixture>
{
    private AccountsSite Site => fixture.Site;

    [Fact]
    public async Task TheMailedLinkSetsANewPassword_ThatLogsIn_AndTheLinkWorksOnlyOnce()
    {
        var reader = await Site.CreateReaderAsync("the old password 1");
        using var browser = Site.NewBrowser();

        var request = await browser.SubmitAsync("/account/forgot-password", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = reader.Email! });
        Assert.Contains("a mail with a link to choose a new password is on its way", (await AccountsBrowser.ReadPageAsync(request)).Body!.TextContent);

        var mail = await Smtp4devInbox.WaitForMessageAsync(reader.Email!);
        Assert.Contains("within 1 hour", mail);
        var link = Smtp4devInbox.ResetLinkIn(mail);
        var reset = await browser.SubmitAsync(link, "reset-password", new Dictionary<string, string>
        {
            ["Input.Password"] = "the new password 1",
            ["Input.ConfirmPassword"] = "the new password 1",
        });
        Assert.Equal("/account/login", AccountsBrowser.RedirectPath(reset));

        Assert.Equal("/", AccountsBrowser.RedirectPath(await browser.LogInAsync(reader.Email!, "the new password 1")));
        using var other = Site.NewBrowser();
        Assert.Equal(HttpStatusCode.OK, (await other.LogInAsync(reader.Email!, "the old password 1")).StatusCode);

        var again = await other.GetPageAsync(link);
        Assert.Null(AccountsBrowser.FindForm(again, "reset-password"));
        Assert.Contains("This reset link does not work", again.QuerySelector(".form-error")!.TextContent);
    }

    [Fact]
    public async Task AnExpiredLinkIsRefused_AndChangesNothing()
    {
        await using var site = await AccountsSite.StartAsync(s => s["Site:Accounts:ResetLinkLifetime"] = "00:00:30", deliverMail: true);
        var reader = await site.CreateReaderAsync("the old password 1");
        using var browser = site.NewBrowser();
        var requestedAt = DateTime.UtcNow;
        await browser.SubmitAsync("/account/forgot-password", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = reader.Email! });
        // The mail travels through the jobs host's queue, so the link is given a lifetime that outlasts its delivery even
        // on a busy machine (a jobs host starting beside a full test run has taken over 20 s).
        var link = Smtp4devInbox.ResetLinkIn(await Smtp4devInbox.WaitForMessageAsync(reader.Email!, timeout: TimeSpan.FromSeconds(28)));
        var page = await browser.GetPageAsync(link);
        var form = AccountsBrowser.FindForm(page, "reset-password");
        Assert.NotNull(form);

        var expired = requestedAt + TimeSpan.FromSeconds(31) - DateTime.UtcNow;
        if (expired > TimeSpan.Zero)
        {
            await Task.Delay(expired);
        }

        var post = await browser.Client.PostAsync(link, new FormUrlEncodedContent(
            form.Elements.OfType<AngleSharp.Html.Dom.IHtmlInputElement>().Where(i => i.Type == "hidden")
                .Select(i => KeyValuePair.Create(i.Name!, i.Value))
                .Append(KeyValuePair.Create("Input.Password", "the new password 1"))
                .Append(KeyValuePair.Create("Input.ConfirmPassword", "the new password 1"))));

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Contains("This reset link does not work", (await AccountsBrowser.ReadPageAsync(post)).QuerySelector(".form-error")!.TextContent);
        Assert.Equal("/", AccountsBrowser.RedirectPath(await browser.LogInAsync(reader.Email!, "the old password 1")));
    }

    [Fact]
    public async Task AnUnknownAddressGetsTheSameAnswer_AndNoMail()
    {
        var nobody = $"nobody-{Guid.NewGuid():N}@example.test";
        using var browser = Site.NewBrowser();

        var response = await browser.SubmitAsync("/account/forgot-password", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = nobody });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"If an account exists for {nobody}, a mail with a link", (await AccountsBrowser.ReadPageAsync(response)).Body!.TextContent);
        await Task.Delay(500);
        Assert.Empty(await Smtp4devInbox.MessagesToAsync(nobody));
    }

    [Theory]
    [InlineData("/account/reset-password")]
    [InlineData("/account/reset-password?user=nobody&code=abc")]
    [InlineData("/account/reset-password?user=x&code=%%%not-base64")]
    public async Task AMangledLinkSaysSo_AndOffersNoForm(string link)
    {
        using var browser = Site.NewBrowser();
        var page = await browser.GetPageAsync(link);

        Assert.Null(AccountsBrowser.FindForm(page, "reset-password"));
        Assert.Contains("Ask for a new link", page.QuerySelector(".form-error")!.TextContent);
    }

    [Fact]
    public async Task ATamperedTokenForARealAccountIsRefused_AndThePasswordStays()
    {
        var reader = await Site.CreateReaderAsync("the old password 1");
        using var browser = Site.NewBrowser();
        await browser.SubmitAsync("/account/forgot-password", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = reader.Email! });
        var link = Smtp4devInbox.ResetLinkIn(await Smtp4devInbox.WaitForMessageAsync(reader.Email!));
        var tampered = link[..^4] + (link[^4..] == "AAAA" ? "BBBB" : "AAAA");

        var page = await browser.GetPageAsync(tampered);

        Assert.Null(AccountsBrowser.FindForm(page, "reset-password"));
        Assert.Equal("/", AccountsBrowser.RedirectPath(await browser.LogInAsync(reader.Email!, "the old password 1")));
    }
}
