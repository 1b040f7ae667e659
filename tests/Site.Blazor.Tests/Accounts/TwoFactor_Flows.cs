using System.Net;
using AngleSharp.Html.Dom;

namespace Site.Blazor.Tests.Accounts;

/// <summary>Authenticator set-up and login with codes computed here from the key the page shows (RFC 6238).</summary>
public class TwoFactor_Flows(AccountsSiteFixture fixture) : IClassFixture<AccountsSiteFixture>
{
    private AccountsSite Site => fixture.Site;

    [Fact]
    public async Task SetUpShowsKeyAndQrCode_ACodeTurnsItOn_AndRecoveryCodesAreShownOnce()
    {
        var reader = await Site.CreateReaderAsync("the password 123");
        using var browser = Site.NewBrowser();
        await browser.LogInAsync(reader.Email!, "the password 123");

        var setup = await browser.GetPageAsync("/account/manage/authenticator");
        var key = setup.QuerySelector("[data-authenticator-key]")!.GetAttribute("data-authenticator-key")!;
        Assert.Matches("^[A-Z2-7]{32}$", key);
        Assert.Contains($"secret={key}", setup.QuerySelector(".otpauth-uri")!.TextContent);
        Assert.StartsWith("data:image/svg+xml;base64,", ((IHtmlImageElement)setup.QuerySelector("img.qr-code")!).Source);

        var wrong = await browser.SubmitAsync("/account/manage/authenticator", "verify-authenticator", new Dictionary<string, string> { ["Input.Code"] = WrongCode(key) });
        Assert.Contains("That code is not right", Login_Flows.ErrorText(await AccountsBrowser.ReadPageAsync(wrong)));

        var enabled = await browser.SubmitAsync("/account/manage/authenticator", "verify-authenticator", new Dictionary<string, string> { ["Input.Code"] = TotpCode.For(key) });
        var codes = (await AccountsBrowser.ReadPageAsync(enabled)).QuerySelectorAll(".recovery-codes li code").Select(c => c.TextContent).ToList();
        Assert.Equal(10, codes.Count);
        Assert.Equal(10, codes.Distinct().Count());

        var later = await browser.GetPageAsync("/account/manage/two-factor");
        Assert.Empty(later.QuerySelectorAll(".recovery-codes"));
        Assert.Equal("10", later.QuerySelector("[data-recovery-codes-left]")!.TextContent);
    }

    [Fact]
    public async Task LoginAsksForTheCode_AndTheRightCodeLogsIn()
    {
        var (email, key, _) = await ReaderWithTwoFactorAsync();
        using var browser = Site.NewBrowser();

        var password = await browser.LogInAsync(email, "the password 123", url: "/account/login?ReturnUrl=%2Faccount%2Fmanage");
        Assert.Equal("/account/login-2fa", AccountsBrowser.RedirectPath(password));
        Assert.Equal("/account/login", AccountsBrowser.RedirectPath(await browser.Client.GetAsync("/account/manage")));

        var wrong = await browser.SubmitAsync(password.Headers.Location!.OriginalString, "login-2fa", new Dictionary<string, string> { ["Input.Code"] = WrongCode(key) });
        Assert.Contains("That code is not right", Login_Flows.ErrorText(await AccountsBrowser.ReadPageAsync(wrong)));

        var code = await browser.SubmitAsync(password.Headers.Location!.OriginalString, "login-2fa", new Dictionary<string, string> { ["Input.Code"] = TotpCode.For(key) });
        Assert.Equal("/account/manage", AccountsBrowser.RedirectPath(code));
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/account/manage")).StatusCode);
    }

    [Fact]
    public async Task ARecoveryCodeLogsInOnce()
    {
        var (email, _, recoveryCodes) = await ReaderWithTwoFactorAsync();

        using var first = Site.NewBrowser();
        await first.LogInAsync(email, "the password 123");
        var used = await first.SubmitAsync("/account/login-recovery", "login-recovery", new Dictionary<string, string> { ["Input.Code"] = recoveryCodes[0] });
        Assert.Equal("/", AccountsBrowser.RedirectPath(used));

        using var second = Site.NewBrowser();
        await second.LogInAsync(email, "the password 123");
        var reused = await second.SubmitAsync("/account/login-recovery", "login-recovery", new Dictionary<string, string> { ["Input.Code"] = recoveryCodes[0] });
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Contains("That recovery code is not right, or it was used before.", Login_Flows.ErrorText(await AccountsBrowser.ReadPageAsync(reused)));
    }

    [Fact]
    public async Task TheCodeStepWithoutAPasswordFirstSendsBackToLogin()
    {
        using var browser = Site.NewBrowser();
        var page = await browser.GetPageAsync("/account/login-2fa");

        Assert.Null(AccountsBrowser.FindForm(page, "login-2fa"));
        Assert.Contains("This login step has timed out", page.QuerySelector(".form-error")!.TextContent);
    }

    [Fact]
    public async Task TurningItOffLetsThePasswordAloneLogIn()
    {
        var (email, key, _) = await ReaderWithTwoFactorAsync();
        using var browser = Site.NewBrowser();
        await browser.LogInAsync(email, "the password 123");
        var code = await browser.SubmitAsync("/account/login-2fa", "login-2fa", new Dictionary<string, string> { ["Input.Code"] = TotpCode.For(key) });
        Assert.Equal("/", AccountsBrowser.RedirectPath(code));

        var off = await browser.SubmitAsync("/account/manage/two-factor", "turn-off-two-factor");
        Assert.Contains("Two-factor authentication is off.", (await AccountsBrowser.ReadPageAsync(off)).Body!.TextContent);

        using var other = Site.NewBrowser();
        Assert.Equal("/", AccountsBrowser.RedirectPath(await other.LogInAsync(email, "the password 123")));
    }

    /// <summary>A reader who set up an authenticator through the pages; returns the key and the recovery codes.</summary>
    private async Task<(string Email, string Key, List<string> RecoveryCodes)> ReaderWithTwoFactorAsync()
    {
        var reader = await Site.CreateReaderAsync("the password 123");
        using var browser = Site.NewBrowser();
        await browser.LogInAsync(reader.Email!, "the password 123");
        var setup = await browser.GetPageAsync("/account/manage/authenticator");
        var key = setup.QuerySelector("[data-authenticator-key]")!.GetAttribute("data-authenticator-key")!;
        var enabled = await browser.SubmitAsync("/account/manage/authenticator", "verify-authenticator", new Dictionary<string, string> { ["Input.Code"] = TotpCode.For(key) });
        var codes = (await AccountsBrowser.ReadPageAsync(enabled)).QuerySelectorAll(".recovery-codes li code").Select(c => c.TextContent).ToList();
        Assert.NotEmpty(codes);
        return (reader.Email!, key, codes);
    }

    /// <summary>A code that is valid in none of the time steps Identity accepts (now ± 2 steps).</summary>
    private static string WrongCode(string key)
    {
        var valid = Enumerable.Range(-2, 5).Select(step => TotpCode.For(key, DateTimeOffset.UtcNow.AddSeconds(step * 30))).ToHashSet();
        return Enumerable.Range(0, 1_000_000).Select(n => n.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).First(c => !valid.Contains(c));
    }
}
