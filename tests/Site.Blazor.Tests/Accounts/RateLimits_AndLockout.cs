using System.Net;

namespace Site.Blazor.Tests.Accounts;

/// <summary>Security baseline: login and reset requests are rate limited per client address and per account.</summary>
public class RateLimits_AndLockout
{
    [Fact]
    public async Task OneAddressGets429WithRetryAfter_AfterItsLoginAttemptsForTheMinute()
    {
        await using var site = await AccountsSite.StartAsync(s => s["Site:Accounts:AttemptsPerMinutePerAddress"] = "3");
        using var browser = site.NewBrowser();
        for (var i = 0; i < 3; i++)
        {
            var allowed = await browser.LogInAsync($"someone-{i}@example.test", "wrong password 1");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        var limited = await browser.LogInAsync(site.AdminEmail, AccountsSite.AdminPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var retryAfter = int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Contains("Too many attempts", await limited.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/account/login")).StatusCode);
    }

    [Fact]
    public async Task OneAccountGets429_WhateverAddressesTheAttemptsComeFrom()
    {
        await using var site = await AccountsSite.StartAsync(s => s["Site:Accounts:AttemptsPerMinutePerAccount"] = "2");
        var reader = await site.CreateReaderAsync();
        for (var i = 0; i < 2; i++)
        {
            using var browser = site.NewBrowser();
            Assert.Equal(HttpStatusCode.OK, (await browser.LogInAsync(reader.Email!.ToUpperInvariant(), "wrong password 1")).StatusCode);
        }

        using var third = site.NewBrowser();
        var limited = await third.LogInAsync(" " + reader.Email + " ", "reader password 123");
        var otherAccount = await third.LogInAsync(site.AdminEmail, AccountsSite.AdminPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.Contains("Retry-After"));
        Assert.Equal("/", AccountsBrowser.RedirectPath(otherAccount));
    }

    [Fact]
    public async Task ResetRequestsAreLimitedPerAccountToo()
    {
        await using var site = await AccountsSite.StartAsync(s => s["Site:Accounts:AttemptsPerMinutePerAccount"] = "2", deliverMail: true);
        var reader = await site.CreateReaderAsync();
        using var browser = site.NewBrowser();
        var fields = new Dictionary<string, string> { ["Input.Email"] = reader.Email! };

        Assert.Equal(HttpStatusCode.OK, (await browser.SubmitAsync("/account/forgot-password", "forgot-password", fields)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.SubmitAsync("/account/forgot-password", "forgot-password", fields)).StatusCode);
        var limited = await browser.SubmitAsync("/account/forgot-password", "forgot-password", fields);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        await Smtp4devInbox.WaitForMessageAsync(reader.Email!, count: 2);
        await Task.Delay(TimeSpan.FromSeconds(2)); // time for a wrongly queued third mail to arrive too
        Assert.Equal(2, (await Smtp4devInbox.MessagesToAsync(reader.Email!)).Count);
    }

    [Fact]
    public async Task TheLockoutLastsTheConfiguredTime_AndAResetLinkLiftsIt()
    {
        await using var site = await AccountsSite.StartAsync(s => s["Site:Accounts:LockoutAfterFailures"] = "2", deliverMail: true);
        var reader = await site.CreateReaderAsync("the right password 1");
        using var browser = site.NewBrowser();
        await browser.LogInAsync(reader.Email!, "wrong password 1");
        await browser.LogInAsync(reader.Email!, "wrong password 2");
        Assert.Equal(HttpStatusCode.OK, (await browser.LogInAsync(reader.Email!, "the right password 1")).StatusCode);

        await browser.SubmitAsync("/account/forgot-password", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = reader.Email! });
        var link = Smtp4devInbox.ResetLinkIn(await Smtp4devInbox.WaitForMessageAsync(reader.Email!));
        await browser.SubmitAsync(link, "reset-password", new Dictionary<string, string>
        {
            ["Input.Password"] = "a fresh password 1",
            ["Input.ConfirmPassword"] = "a fresh password 1",
        });

        Assert.Equal("/", AccountsBrowser.RedirectPath(await browser.LogInAsync(reader.Email!, "a fresh password 1")));
    }
}
