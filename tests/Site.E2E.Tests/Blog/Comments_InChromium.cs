using Microsoft.Playwright;
using Site.E2E.Tests.Accounts;
using Site.TestSupport;

namespace Site.E2E.Tests.Blog;

/// <summary>
/// A comment's whole way in real browsers: a reader comments on the cached post page (its script fetches the token),
/// is told it awaits moderation; the admin approves it in the moderation queue; a new reader sees it on the post.
/// </summary>
public class Comments_InChromium
{
    private const string PostPath = "/b/personal/hello-again/";

    [Fact]
    public async Task AReadersComment_IsApprovedByTheAdmin_AndShownToTheNextReader()
    {
        await using var site = await AccountsE2ESite.StartAsync(new Dictionary<string, string?>
        {
            ["Site:Content:Path"] = Path.Combine(TestServices.RepositoryRoot, "content"),
        });
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await SystemChromium.LaunchAsync(playwright);
        var text = "Thanks for this, from a browser " + Guid.NewGuid().ToString("N")[..8];

        // The reader: the script swaps the link for the form, and the form fetches its token when sent.
        await using (var readerContext = await browser.NewContextAsync())
        {
            var reader = await readerContext.NewPageAsync();
            await WaitForPostAsync(reader, site.BaseAddress + PostPath);
            await Assertions.Expect(reader.Locator("form[data-comment-form]")).ToBeVisibleAsync();
            await reader.FillAsync("textarea[name='Input.Content']", text);
            await reader.FillAsync("input[name='Input.Name']", "Robin");
            await reader.ClickAsync("form[data-comment-form] button[type=submit]");
            await Assertions.Expect(reader.Locator("[data-test=comment-pending]")).ToContainTextAsync("awaiting moderation");
            await reader.GotoAsync(site.BaseAddress + PostPath);
            await Assertions.Expect(reader.Locator("li.comment", new() { HasText = text })).ToHaveCountAsync(0);
        }

        // The admin: logs in and approves it in the queue, over the circuit.
        await using (var adminContext = await browser.NewContextAsync())
        {
            var admin = await adminContext.NewPageAsync();
            await admin.GotoAsync(site.BaseAddress + "/account/login?ReturnUrl=%2Fadmin%2Fcomments");
            await admin.FillAsync("#login-email", site.AdminEmail);
            await admin.FillAsync("#login-password", AccountsE2ESite.AdminPassword);
            await admin.ClickAsync("form.account-form button[type=submit]");
            await admin.WaitForURLAsync(site.BaseAddress + "/admin/comments");
            var row = admin.Locator("tr[data-test^=comment-]", new() { HasText = text });
            await Assertions.Expect(row).ToBeVisibleAsync();
            await ClickUntilAsync(admin, row.Locator("button[data-test=approve]"), admin.Locator("[data-test=message]"));
            await Assertions.Expect(admin.Locator("[data-test=message]")).ToContainTextAsync("1 comment approved");
        }

        // A new reader, who has never been here, sees it on the post.
        await using var nextContext = await browser.NewContextAsync();
        var next = await nextContext.NewPageAsync();
        await next.GotoAsync(site.BaseAddress + PostPath);
        var shown = next.Locator("li.comment", new() { HasText = text });
        await Assertions.Expect(shown).ToBeVisibleAsync();
        await Assertions.Expect(shown.Locator(".comment-author")).ToHaveTextAsync("Robin");
    }

    /// <summary>The host syncs the content folder in the background after it starts; wait until the post is there.</summary>
    private static async Task WaitForPostAsync(IPage page, string url)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await page.GotoAsync(url))?.Status != 200)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{url} never appeared");
            await Task.Delay(250);
        }
    }

    /// <summary>A click before the admin's circuit connects is lost: click until the page answers.</summary>
    private static async Task ClickUntilAsync(IPage page, ILocator button, ILocator answer)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await answer.CountAsync() == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The moderation queue never answered the click");
            if (await button.CountAsync() > 0)
            {
                await button.ClickAsync();
            }

            await page.WaitForTimeoutAsync(300);
        }
    }
}
