using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Site.Blazor.Tests.Accounts;

public class Login_Flows(AccountsSiteFixture fixture) : IClassFixture<AccountsSiteFixture>
{
    private const string RefusalText = "That email and password do not match an account.";

    private AccountsSite Site => fixture.Site;

    [Fact]
    public async Task AdminLogsInWithEmailAndPassword_AndLandsOnTheReturnUrl()
    {
        using var browser = Site.NewBrowser();
        var response = await browser.LogInAsync(Site.AdminEmail, AccountsSite.AdminPassword, url: "/account/login?ReturnUrl=%2Fadmin");

        Assert.Equal("/admin", AccountsBrowser.RedirectPath(response));
        var dashboard = await browser.GetPageAsync("/admin");
        Assert.Contains("Dashboard", dashboard.Title);
    }

    [Fact]
    public async Task RememberMeMakesTheLoginCookieOutliveTheBrowserSession()
    {
        using var session = Site.NewBrowser();
        var sessionCookie = AuthCookie(await session.LogInAsync(Site.AdminEmail, AccountsSite.AdminPassword));
        using var remembered = Site.NewBrowser();
        var persistentCookie = AuthCookie(await remembered.LogInAsync(Site.AdminEmail, AccountsSite.AdminPassword, rememberMe: true));

        Assert.DoesNotContain("expires=", sessionCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("expires=", persistentCookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task UnknownEmailAndWrongPasswordGetTheSameAnswer()
    {
        var reader = await Site.CreateReaderAsync();
        using var browser = Site.NewBrowser();

        var unknown = await browser.LogInAsync($"nobody-{Guid.NewGuid():N}@example.test", "whatever password 1");
        var wrong = await browser.LogInAsync(reader.Email!, "not the password 1");

        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Equal(ErrorText(await AccountsBrowser.ReadPageAsync(unknown)), ErrorText(await AccountsBrowser.ReadPageAsync(wrong)));
        Assert.StartsWith(RefusalText, ErrorText(await AccountsBrowser.ReadPageAsync(wrong)));
        Assert.Null(unknown.Headers.Location);
    }

    [Fact]
    public async Task UnknownEmailTakesAboutAsLongAsAWrongPassword()
    {
        var reader = await Site.CreateReaderAsync();
        using var browser = Site.NewBrowser();
        await browser.LogInAsync(reader.Email!, "warm up the hasher 1");
        var unknownTimes = new List<double>();
        var wrongTimes = new List<double>();
        for (var i = 0; i < 6; i++)
        {
            unknownTimes.Add(await TimeAsync(() => browser.LogInAsync($"nobody-{Guid.NewGuid():N}@example.test", "not the password 1")));
            wrongTimes.Add(await TimeAsync(() => browser.LogInAsync(reader.Email!, "not the password 1")));
        }

        // Without the decoy hash an unknown email answers in a small fraction of the time (no PBKDF2 at all, about a
        // twentieth here); the bounds are wide because other test classes share the two cores.
        var ratio = Median(unknownTimes) / Median(wrongTimes);
        Assert.InRange(ratio, 0.4, 2.5);
    }

    [Fact]
    public async Task FiveWrongPasswordsLockTheAccount_SoEvenTheRightOneIsRefused()
    {
        var reader = await Site.CreateReaderAsync("the right password 1");
        using var browser = Site.NewBrowser();
        for (var i = 0; i < 5; i++)
        {
            await browser.LogInAsync(reader.Email!, $"wrong password {i}");
        }

        var right = await browser.LogInAsync(reader.Email!, "the right password 1");

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.StartsWith(RefusalText, ErrorText(await AccountsBrowser.ReadPageAsync(right)));
        await using var db = Site.Database.CreateContext();
        var lockoutEnd = await db.Users.Where(u => u.Id == reader.Id).Select(u => u.LockoutEnd).SingleAsync();
        Assert.NotNull(lockoutEnd);
        Assert.InRange(lockoutEnd.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15.1));
    }

    [Fact]
    public async Task AReturnUrlToAnotherSiteIsIgnored()
    {
        using var browser = Site.NewBrowser();
        var response = await browser.LogInAsync(Site.AdminEmail, AccountsSite.AdminPassword, url: "/account/login?ReturnUrl=https%3A%2F%2Fevil.example%2F");

        Assert.Equal("/", AccountsBrowser.RedirectPath(response));
        Assert.DoesNotContain("evil.example", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task InvalidInputGetsSpecificMessages_AndSignsNobodyIn()
    {
        using var browser = Site.NewBrowser();
        var response = await browser.LogInAsync("not-an-address", "");
        var page = await AccountsBrowser.ReadPageAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var messages = page.QuerySelectorAll(".validation-message").Select(m => m.TextContent).ToList();
        Assert.Contains("Enter an email address such as name@example.com.", messages);
        Assert.Contains("Enter your password.", messages);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("site.auth=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LogoutIsAPostThatEndsTheSession()
    {
        using var browser = Site.NewBrowser();
        await browser.LogInAsync(Site.AdminEmail, AccountsSite.AdminPassword);
        using var get = await browser.Client.GetAsync("/account/logout");
        Assert.NotEqual(HttpStatusCode.Found, get.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/admin")).StatusCode);

        var logout = await browser.LogOutAsync();

        Assert.Equal("/", AccountsBrowser.RedirectPath(logout));
        Assert.Equal("/account/login", AccountsBrowser.RedirectPath(await browser.Client.GetAsync("/admin")));
    }

    internal static string AuthCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("site.auth=", StringComparison.Ordinal));

    internal static string ErrorText(AngleSharp.Html.Dom.IHtmlDocument page) =>
        string.Join(" ", (page.QuerySelector(".form-error")?.TextContent ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static async Task<double> TimeAsync(Func<Task<HttpResponseMessage>> action)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await action();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return (sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2;
    }
}
