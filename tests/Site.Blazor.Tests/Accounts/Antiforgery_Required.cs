using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Site.Blazor.Tests.Accounts;

/// <summary>Security baseline: a state-changing request without the antiforgery token is refused.</summary>
public class Antiforgery_Required : IAsyncLifetime
{
    private AccountsSite _site = null!;

    public async Task InitializeAsync() =>
        _site = await AccountsSite.StartAsync(s => s["Site:Accounts:AllowRegistration"] = "true");

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Theory]
    [InlineData("/account/login", "login", "Input.Email=a@example.test&Input.Password=whatever")]
    [InlineData("/account/register", "register", "Input.Email=a@example.test&Input.Password=a long password 1&Input.ConfirmPassword=a long password 1")]
    [InlineData("/account/forgot-password", "forgot-password", "Input.Email=a@example.test")]
    [InlineData("/account/reset-password?user=x&code=y", "reset-password", "Input.Password=a long password 1&Input.ConfirmPassword=a long password 1")]
    [InlineData("/account/login-2fa", "login-2fa", "Input.Code=123456")]
    [InlineData("/account/login-recovery", "login-recovery", "Input.Code=abcde-fghij")]
    public async Task AnonymousFormsRefuseAPostWithoutTheToken(string url, string formName, string fields)
    {
        using var browser = _site.NewBrowser();
        await browser.GetPageAsync("/account/login"); // holds the antiforgery cookie, but posts no token

        using var response = await browser.Client.PostAsync(url, Form($"_handler={formName}&{fields}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("/account/manage/change-password", "change-password", "Input.CurrentPassword=x&Input.NewPassword=a long password 1&Input.ConfirmPassword=a long password 1")]
    [InlineData("/account/manage/authenticator", "verify-authenticator", "Input.Code=123456")]
    [InlineData("/account/manage/two-factor", "turn-off-two-factor", "")]
    [InlineData("/account/manage/two-factor", "new-recovery-codes", "")]
    [InlineData("/account/logout", "", "returnUrl=/")]
    public async Task SignedInFormsRefuseAPostWithoutTheToken_AndChangeNothing(string url, string formName, string fields)
    {
        using var browser = _site.NewBrowser();
        await browser.LogInAsync(_site.AdminEmail, AccountsSite.AdminPassword);

        using var response = await browser.Client.PostAsync(url, Form($"_handler={formName}&{fields}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task ATokenFromAnotherBrowserIsRefusedToo()
    {
        using var attacker = _site.NewBrowser();
        var stolenToken = (await attacker.GetPageAsync("/account/login")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value");
        using var victim = _site.NewBrowser();
        await victim.LogInAsync(_site.AdminEmail, AccountsSite.AdminPassword);

        using var response = await victim.Client.PostAsync("/account/logout", Form($"__RequestVerificationToken={Uri.EscapeDataString(stolenToken!)}&returnUrl=/"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await victim.Client.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public void EveryEndpointThatAcceptsAFormPostRequiresTheToken()
    {
        var unguarded = _site.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Any(m => m is "POST" or "PUT" or "PATCH" or "DELETE"))
            // The Blazor circuit's own SignalR endpoints carry no forms and are protected by the circuit itself.
            .Where(e => e.Metadata.GetMetadata<NegotiateMetadata>() is null && !(e.RoutePattern.RawText ?? "").StartsWith("_blazor", StringComparison.Ordinal))
            .Where(e => e.Metadata.GetMetadata<IAntiforgeryMetadata>() is not { RequiresValidation: true })
            .Select(e => e.DisplayName)
            .ToList();

        Assert.Empty(unguarded);
    }

    private static FormUrlEncodedContent Form(string fields) =>
        new(fields.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair =>
        {
            var parts = pair.Split('=', 2);
            return KeyValuePair.Create(parts[0], parts.Length > 1 ? parts[1] : "");
        }));
}
