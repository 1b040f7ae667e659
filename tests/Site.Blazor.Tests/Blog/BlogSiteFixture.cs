using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Site.Blazor.Security;
using Site.Data.Content;
using Site.TestSupport;

namespace Site.Blazor.Tests.Blog;

/// <summary>
/// The web host on a fresh database with a content folder (the shipped demo content unless a test brings its own),
/// a public address and a history link template, and a test sign-in: a request with <see cref="RoleHeader"/> is a
/// signed-in user in that role. There is no login page on this branch; this stands in for it.
/// </summary>
public class BlogSiteFixture : IAsyncLifetime
{
    public const string RoleHeader = "X-Test-Role";
    public const string BaseUrl = "https://blog.example.org";
    public const string HistoryTemplate = "https://git.example.org/me/site/commits/main/{path}";
    public const string BrowserAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    private TestDatabase? _database;
    private SiteWebFactory? _site;
    private WebApplicationFactory<Program>? _factory;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("The fixture has not started.");

    public WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>The content folder the host syncs; the repository's demo content by default.</summary>
    protected virtual string ContentPath => Path.Combine(TestServices.RepositoryRoot, "content");

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _site = new SiteWebFactory(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["Site:Content:Path"] = ContentPath,
            ["Site:Content:HistoryUrlTemplate"] = HistoryTemplate,
            ["Site:Site:BaseUrl"] = BaseUrl,
            ["Site:Site:Name"] = "Test Blog",
        });
        _factory = _site.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddAuthentication(options =>
                {
                    options.DefaultScheme = TestSignIn.SchemeName;
                    options.DefaultAuthenticateScheme = TestSignIn.SchemeName;
                })
                .AddScheme<AuthenticationSchemeOptions, TestSignIn>(TestSignIn.SchemeName, _ => { })));
        using var warmUp = _factory.CreateClient();
        // The host syncs in the background after it starts; a sync of our own waits for that one (they take turns)
        // and finds nothing left to do, so the content is in place when the tests begin.
        await _factory.Services.GetRequiredService<ContentSync>().RunAsync();
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_site is not null)
        {
            await _site.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    public HttpClient Anonymous(string userAgent = BrowserAgent)
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        return client;
    }

    public HttpClient Admin()
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Add(RoleHeader, AdminAuthorization.Role);
        return client;
    }

    public async Task<int> TimesReadAsync(string slug)
    {
        await using var db = Database.CreateContext();
        return await db.Set<Post>().Where(p => p.Slug == slug).Select(p => p.TimesRead).SingleAsync();
    }

    /// <summary>Signs a request in as a user in the role named by <see cref="RoleHeader"/>; anonymous without it.</summary>
    private sealed class TestSignIn(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "Test";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue(RoleHeader, out var role))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "owner"), new Claim(ClaimTypes.Role, role.ToString())], SchemeName);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
        }
    }
}
