using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Site.Blazor.Security;

namespace Site.Blazor.Tests.Accounts;

/// <summary>
/// Security baseline: every routable endpoint of the app is enumerated, and each one carrying the admin policy must
/// refuse an anonymous visitor and a logged-in reader. A new admin page or API is covered the moment it is mapped.
/// </summary>
public class AdminEndpoints_ClosedToOthers(AccountsSiteFixture fixture) : IClassFixture<AccountsSiteFixture>
{
    private AccountsSite Site => fixture.Site;

    [Fact]
    public void TheKnownAdminRoutesAndEveryAdminPageComponentCarryThePolicy()
    {
        var admin = AdminEndpoints().Select(e => e.Path).ToHashSet();

        Assert.Contains("/admin", admin);
        Assert.Contains("/api/admin/summary", admin);
        var adminPages = typeof(Program).Assembly.GetTypes()
            .Where(t => t.Namespace?.StartsWith("Site.Blazor.Components.Pages.Admin", StringComparison.Ordinal) == true)
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
            .Select(r => r.Template)
            .ToList();
        Assert.NotEmpty(adminPages);
        Assert.All(adminPages, template => Assert.Contains(AdminEndpoints(), e => e.Template == template));
    }

    [Fact]
    public void EveryRouteUnderAdminOrItsApiCarriesThePolicy()
    {
        var unprotected = AllRouteEndpoints()
            .Where(e => IsAdminPath(e.RoutePattern.RawText ?? ""))
            .Where(e => !RequiresAdmin(e))
            .Select(e => e.DisplayName)
            .ToList();

        Assert.Empty(unprotected);
    }

    [Fact]
    public async Task AnAnonymousVisitorIsSentToLoginFromPages_AndGets401FromApis()
    {
        using var browser = Site.NewBrowser();
        foreach (var endpoint in AdminEndpoints())
        {
            foreach (var method in endpoint.Methods)
            {
                using var response = await browser.Client.SendAsync(Request(method, endpoint.Path));
                if (endpoint.Path.StartsWith("/api/", StringComparison.Ordinal))
                {
                    Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {endpoint.Path}: {(int)response.StatusCode}");
                }
                else
                {
                    Assert.True(response.StatusCode == HttpStatusCode.Found, $"{method} {endpoint.Path}: {(int)response.StatusCode}");
                    Assert.Equal("/account/login", AccountsBrowser.RedirectPath(response));
                }
            }
        }
    }

    [Fact]
    public async Task ALoggedInReaderIsDeniedEverywhere()
    {
        var reader = await Site.CreateReaderAsync();
        using var browser = Site.NewBrowser();
        await browser.LogInAsync(reader.Email!, "reader password 123");
        foreach (var endpoint in AdminEndpoints())
        {
            foreach (var method in endpoint.Methods)
            {
                using var response = await browser.Client.SendAsync(Request(method, endpoint.Path));
                if (endpoint.Path.StartsWith("/api/", StringComparison.Ordinal))
                {
                    Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {endpoint.Path}: {(int)response.StatusCode}");
                }
                else
                {
                    Assert.True(response.StatusCode == HttpStatusCode.Found, $"{method} {endpoint.Path}: {(int)response.StatusCode}");
                    Assert.Equal("/account/access-denied", AccountsBrowser.RedirectPath(response));
                }
            }
        }

        using var denied = await browser.Client.GetAsync("/account/access-denied");
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    [Fact]
    public async Task TheAdminGetsIn()
    {
        using var browser = Site.NewBrowser();
        await browser.LogInAsync(Site.AdminEmail, AccountsSite.AdminPassword);
        foreach (var endpoint in AdminEndpoints().Where(e => e.Methods.Contains("GET") && !e.HasParameters))
        {
            using var response = await browser.Client.GetAsync(endpoint.Path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {endpoint.Path}: {(int)response.StatusCode}");
        }
    }

    private sealed record AdminEndpoint(string Template, string Path, IReadOnlyList<string> Methods, bool HasParameters);

    private IEnumerable<RouteEndpoint> AllRouteEndpoints() =>
        Site.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

    private List<AdminEndpoint> AdminEndpoints() =>
        AllRouteEndpoints()
            .Where(RequiresAdmin)
            .GroupBy(e => e.RoutePattern.RawText)
            .Select(group => new AdminEndpoint(
                group.Key!,
                SamplePath(group.First().RoutePattern),
                group.SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Distinct().ToList(),
                group.First().RoutePattern.Parameters.Count > 0))
            .ToList();

    private static bool RequiresAdmin(Endpoint endpoint) =>
        endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == AdminAuthorization.Policy);

    private static bool IsAdminPath(string template)
    {
        var path = "/" + template.TrimStart('/');
        return path.Equals("/admin", StringComparison.OrdinalIgnoreCase)
            || path.StartsWith("/admin/", StringComparison.OrdinalIgnoreCase)
            || path.StartsWith("/api/admin", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The route with every parameter filled by a value its constraints accept.</summary>
    private static string SamplePath(RoutePattern pattern)
    {
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => SampleValue(parameter),
            _ => "",
        })));
        return "/" + string.Join("/", segments).TrimEnd('/');
    }

    private static string SampleValue(RoutePatternParameterPart parameter)
    {
        var constraints = parameter.ParameterPolicies.Select(p => p.Content ?? "").ToList();
        return constraints switch
        {
            _ when constraints.Any(c => c is "int" or "long" or "decimal" or "double" or "float") => "1",
            _ when constraints.Contains("guid") => Guid.Empty.ToString(),
            _ when constraints.Contains("bool") => "true",
            _ when constraints.Contains("datetime") => "2026-01-01",
            _ when parameter.IsCatchAll => "sample/path",
            _ => "sample",
        };
    }

    private static HttpRequestMessage Request(string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT" or "PATCH" or "DELETE")
        {
            request.Content = new FormUrlEncodedContent([]);
        }

        return request;
    }
}
