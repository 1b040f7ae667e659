using MudBlazor.Services;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Site.Blazor.Accounts;
using Site.Blazor.Admin;
using Site.Blazor.Albums;
using Site.Blazor.Blog;
using Site.Blazor.Components;
using Site.Blazor.Components.Layout;
using Site.Blazor.Health;
using Site.Blazor.Media;
using Site.Blazor.Search;
using Site.Blazor.Security;
using Site.Data.Hosting;
using Site.Data.Jobs;

// "admin reset ..." maintains accounts from the command line and starts no server.
if (AdminCommandLine.IsAdminCommand(args))
{
    return await AdminCommandLine.RunAsync(args, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddSiteDefaults("site-web");
builder.Services.AddOpenTelemetry()
    .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation())
    .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation());

builder.Services.AddRazorComponents()
    .AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddSiteAuthorization(builder.Environment);
builder.Services.AddAccountRateLimiting();
builder.Services.AddAccountPages();
builder.Services.AddSingleton<HealthSnapshot>();
builder.Services.AddJobActivity();
builder.Services.AddSiteBlog();
builder.Services.AddPhotoActivity();
builder.Services.AddSiteAlbums();

var app = builder.Build();
if (SiteHostRunner.RefuseBadSettings(app, "Site.Blazor") is { } refused)
{
    return refused;
}


if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseHsts();
}

app.UseSiteSecurityHeaders();
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAccountRateLimiting();
app.UseContentImages();
app.UseAuthentication();
app.UseAuthorization();
// Counting comes before the output cache so that pages served from the cache count as reads too.
app.UsePostReadCounting();
app.UseOutputCache();
app.UseAntiforgery();
app.UseRegistrationGate();

app.MapSiteHealth();
app.MapLocalMedia();
app.MapThemeToggle();
app.MapAccountEndpoints();
app.MapAdminApi();
app.MapSiteBlog();
app.MapAlbums();
app.MapSiteSearch();
app.MapStaticAssets();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

return await SiteHostRunner.RunAsync(app, "Site.Blazor");

/// <summary>Entry point, visible to the functional tests' WebApplicationFactory.</summary>
public partial class Program;
