using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Site.Blazor.Tests.Accounts;

/// <summary>
/// Drives the static server-rendered forms as a browser does: loads the page, takes the named form's hidden fields
/// (the antiforgery token and Blazor's form name), fills in the visible ones and posts it.
/// </summary>
public sealed class AccountsBrowser(HttpClient client) : IDisposable
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Client => client;

    public async Task<IHtmlDocument> GetPageAsync(string url)
    {
        using var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}");
        return Parser.ParseDocument(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Loads <paramref name="url"/> and submits its form named <paramref name="formName"/>.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string url, string formName, IDictionary<string, string>? fields = null)
    {
        var page = await GetPageAsync(url);
        var form = FindForm(page, formName) ?? throw new InvalidOperationException($"{url} has no form named '{formName}'");
        var values = form.Elements.OfType<IHtmlInputElement>()
            .Where(input => !string.IsNullOrEmpty(input.Name) && input.Type is not ("checkbox" or "submit"))
            .ToDictionary(input => input.Name!, input => input.Value);
        foreach (var (name, value) in fields ?? new Dictionary<string, string>())
        {
            values[name] = value;
        }

        var action = form.GetAttribute("action") is { Length: > 0 } target ? target : url;
        return await client.PostAsync(action, new FormUrlEncodedContent(values));
    }

    public async Task<HttpResponseMessage> LogInAsync(string email, string password, bool rememberMe = false, string url = "/account/login")
    {
        var fields = new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password };
        if (rememberMe)
        {
            fields["Input.RememberMe"] = "True";
        }

        return await SubmitAsync(url, "login", fields);
    }

    public async Task<HttpResponseMessage> LogOutAsync()
    {
        var page = await GetPageAsync("/account/manage");
        var form = page.Forms.First(f => f.GetAttribute("action") == "/account/logout");
        var token = form.Elements.OfType<IHtmlInputElement>().First(i => i.Name == "__RequestVerificationToken").Value;
        return await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["returnUrl"] = "/",
        }));
    }

    public static IHtmlFormElement? FindForm(IHtmlDocument page, string formName) =>
        page.Forms.FirstOrDefault(f => f.Elements.OfType<IHtmlInputElement>().Any(i => i.Name == "_handler" && i.Value == formName));

    public static async Task<IHtmlDocument> ReadPageAsync(HttpResponseMessage response) =>
        Parser.ParseDocument(await response.Content.ReadAsStringAsync());

    /// <summary>The path of a redirect's target, e.g. <c>/account/login</c>.</summary>
    public static string RedirectPath(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode is HttpStatusCode.Found or HttpStatusCode.Redirect or HttpStatusCode.SeeOther,
            $"Expected a redirect, got {(int)response.StatusCode}");
        var location = response.Headers.Location!;
        return location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0];
    }

    public void Dispose() => client.Dispose();
}
