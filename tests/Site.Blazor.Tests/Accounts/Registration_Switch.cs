using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Site.Blazor.Tests.Accounts;

public class Registration_Switch(AccountsSiteFixture fixture) : IClassFixture<AccountsSiteFixture>
{
    [Fact]
    public async Task ByDefaultThePageSaysSignUpIsClosed_AndAPostIsRefusedWithoutCreatingAnAccount()
    {
        var site = fixture.Site;
        using var browser = site.NewBrowser();
        var page = await browser.GetPageAsync("/account/register");
        Assert.Contains("Sign-up is closed on this site", page.QuerySelector(".form-error")!.TextContent);
        Assert.Null(AccountsBrowser.FindForm(page, "register"));

        // A hand-made post with a valid antiforgery token, as if the form were there.
        var token = (await browser.GetPageAsync("/account/login")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var email = $"sneaky-{Guid.NewGuid():N}@example.test";
        var post = await browser.Client.PostAsync("/account/register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "register",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = "a long password 1",
            ["Input.ConfirmPassword"] = "a long password 1",
        }));

        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        await using var db = site.Database.CreateContext();
        Assert.False(await db.Users.AnyAsync(u => u.Email == email));
    }

    [Fact]
    public async Task WhenSwitchedOnAReaderSignsUp_IsLoggedIn_ButIsNoAdmin()
    {
        await using var site = await AccountsSite.StartAsync(s => s["Site:Accounts:AllowRegistration"] = "true");
        using var browser = site.NewBrowser();
        var email = $"new-reader-{Guid.NewGuid():N}@example.test";

        var signUp = await browser.SubmitAsync("/account/register", "register", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = "a long password 1",
            ["Input.ConfirmPassword"] = "a long password 1",
        });

        Assert.Equal("/account/manage", AccountsBrowser.RedirectPath(signUp));
        Assert.Contains(email, (await browser.GetPageAsync("/account/manage")).Body!.TextContent);
        Assert.Equal("/account/access-denied", AccountsBrowser.RedirectPath(await browser.Client.GetAsync("/admin")));
    }

    [Fact]
    public async Task ASignUpWithATakenEmailOrShortPasswordIsRefusedWithReasons()
    {
        await using var site = await AccountsSite.StartAsync(s => s["Site:Accounts:AllowRegistration"] = "true");
        using var browser = site.NewBrowser();

        var taken = await browser.SubmitAsync("/account/register", "register", new Dictionary<string, string>
        {
            ["Input.Email"] = site.AdminEmail,
            ["Input.Password"] = "a long password 1",
            ["Input.ConfirmPassword"] = "a long password 1",
        });
        var tooShort = await browser.SubmitAsync("/account/register", "register", new Dictionary<string, string>
        {
            ["Input.Email"] = $"short-{Guid.NewGuid():N}@example.test",
            ["Input.Password"] = "short",
            ["Input.ConfirmPassword"] = "short",
        });

        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.Contains("is already taken", Login_Flows.ErrorText(await AccountsBrowser.ReadPageAsync(taken)));
        Assert.Contains("The password must have between 12 and 512 characters.",
            (await AccountsBrowser.ReadPageAsync(tooShort)).QuerySelector(".validation-message")!.TextContent);
    }
}
