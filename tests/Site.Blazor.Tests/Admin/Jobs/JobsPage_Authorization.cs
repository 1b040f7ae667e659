using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Site.Blazor.Security;
using Site.TestSupport;

namespace Site.Blazor.Tests.Admin.Jobs;

/// <summary>The jobs page through the whole web host: protected by the admin policy, rendered for an admin.</summary>
public sealed class JobsPage_Authorization : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private WebApplicationFactory<Program> _factory = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        var media = Path.Combine(Path.GetTempPath(), "site-media-" + Guid.NewGuid().ToString("N")[..8]);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Site:Database:ConnectionString", _database.ConnectionString);
            web.UseSetting("Site:Storage:LocalPath", media);
            web.UseSetting("Site:Mail:Folder", Path.Combine(media, "mail"));
            web.ConfigureTestServices(services =>
            {
                services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, HeaderAuthenticationHandler>(HeaderAuthenticationHandler.SchemeName, null);
                // Who the request is comes from the test header; a challenge still goes to the product's sign-in.
                services.PostConfigure<AuthenticationOptions>(o => o.DefaultAuthenticateScheme = HeaderAuthenticationHandler.SchemeName);
            });
        });
    }

    [Fact]
    public async Task AnonymousVisitorsAreSentToSignIn()
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync("/admin/jobs");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task SignedInNonAdminsAreRefused()
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(HeaderAuthenticationHandler.RoleHeader, "Reader");
        var response = await client.GetAsync("/admin/jobs");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/access-denied", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task AdminsSeeTheJobsMonitor()
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Add(HeaderAuthenticationHandler.RoleHeader, AdminAuthorization.Role);
        var response = await client.GetAsync("/admin/jobs");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Schedules", html);
        Assert.Contains("ip-geolocation", html);
        Assert.Contains("knowledge-graph-rebuild", html);
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>Signs the request in with the role named in a header: for tests only, the product has no such thing.</summary>
    private sealed class HeaderAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "TestHeader";
        public const string RoleHeader = "X-Test-Role";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue(RoleHeader, out var role))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "test-user"), new Claim(ClaimTypes.Role, role.ToString())], SchemeName);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
        }
    }
}
