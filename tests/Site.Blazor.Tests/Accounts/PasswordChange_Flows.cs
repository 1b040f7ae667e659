using System.Net;

namespace Site.Blazor.Tests.Accounts;

public class PasswordChange_Flows(AccountsSiteFixture fixture) : IClassFixture<AccountsSiteFixture>
{
    private AccountsSite Site => fixture.Site;

    [Fact]
    public async Task ChangingThePasswordKeepsThisBrowserLoggedIn_AndOnlyTheNewPasswordWorks()
    {
        var reader = await Site.CreateReaderAsync("the old password 1");
        using var browser = Site.NewBrowser();
        await browser.LogInAsync(reader.Email!, "the old password 1");

        var change = await browser.SubmitAsync("/account/manage/change-password", "change-password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = "the old password 1",
            ["Input.NewPassword"] = "the new password 1",
            ["Input.ConfirmPassword"] = "the new password 1",
        });

        Assert.Equal("/account/manage", AccountsBrowser.RedirectPath(change));
        Assert.Contains("Your password is changed.", (await browser.GetPageAsync("/account/manage?status=password-changed")).Body!.TextContent);
        using var other = Site.NewBrowser();
        Assert.Equal(HttpStatusCode.OK, (await other.LogInAsync(reader.Email!, "the old password 1")).StatusCode);
        Assert.Equal("/", AccountsBrowser.RedirectPath(await other.LogInAsync(reader.Email!, "the new password 1")));
    }

    [Fact]
    public async Task AWrongCurrentPasswordIsNamed_AndChangesNothing()
    {
        var reader = await Site.CreateReaderAsync("the old password 1");
        using var browser = Site.NewBrowser();
        await browser.LogInAsync(reader.Email!, "the old password 1");

        var change = await browser.SubmitAsync("/account/manage/change-password", "change-password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = "not my password 1",
            ["Input.NewPassword"] = "the new password 1",
            ["Input.ConfirmPassword"] = "the new password 1",
        });

        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        Assert.Contains("The current password is not right.", Login_Flows.ErrorText(await AccountsBrowser.ReadPageAsync(change)));
        using var other = Site.NewBrowser();
        Assert.Equal("/", AccountsBrowser.RedirectPath(await other.LogInAsync(reader.Email!, "the old password 1")));
    }

    [Fact]
    public async Task TheAccountPagesNeedALogin()
    {
        using var browser = Site.NewBrowser();
        Assert.Equal("/account/login", AccountsBrowser.RedirectPath(await browser.Client.GetAsync("/account/manage/change-password")));
        Assert.Equal("/account/login", AccountsBrowser.RedirectPath(await browser.Client.GetAsync("/account/manage/two-factor")));
    }
}
