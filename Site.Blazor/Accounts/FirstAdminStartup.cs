using Microsoft.Extensions.Options;
using Site.Data.Accounts;
using Site.Data.Configuration;

namespace Site.Blazor.Accounts;

/// <summary>
/// On start, makes sure the site has an admin. A generated password is printed once, to the log (and to the file the
/// run command shows next to the address); it is never stored anywhere else in clear.
/// </summary>
internal sealed class FirstAdminStartup(IServiceScopeFactory scopes, IOptions<AccountOptions> options, ILogger<FirstAdminStartup> logger) : IHostedService
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(15);
    // Not disposed: a test host may stop this service after disposing it, and a CancellationTokenSource without a
    // timer holds nothing that needs releasing.
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>
    /// The first attempt completes before the site serves, so the admin exists from the first request. When the
    /// database is down the site still starts (its health says so) and keeps trying in the background.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!await TryEnsureAdminAsync(cancellationToken))
        {
            _ = RetryUntilDoneAsync(_stopping.Token);
        }
    }

    private async Task RetryUntilDoneAsync(CancellationToken stopping)
    {
        try
        {
            do
            {
                await Task.Delay(RetryInterval, stopping);
            }
            while (!await TryEnsureAdminAsync(stopping));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task<bool> TryEnsureAdminAsync(CancellationToken cancellationToken)
    {
        try
        {
            await EnsureAdminAsync(cancellationToken);
            return true;
        }
        catch (System.Data.Common.DbException ex)
        {
            logger.LogWarning("Cannot check for an admin account while the database is unreachable ({Reason}); trying again in {Seconds} s",
                ex.Message, RetryInterval.TotalSeconds);
            return false;
        }
    }

    private async Task EnsureAdminAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<AdminAccountProvisioner>().EnsureFirstAdminAsync(cancellationToken);
        if (created is null)
        {
            return;
        }

        if (created.GeneratedPassword is null)
        {
            logger.LogWarning("Created the first admin account {Email} with the password from Site:Accounts:AdminPassword", created.Email);
            return;
        }

        logger.LogWarning(
            "Created the first admin account. Email: {Email} Password: {Password} (shown only this once: log in and change it under Account)",
            created.Email, created.GeneratedPassword);
        if (options.Value.InitialAdminFile is { Length: > 0 } file)
        {
            await WriteOwnerOnlyAsync(file, $"Email:    {created.Email}\nPassword: {created.GeneratedPassword}\n", cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        return Task.CompletedTask;
    }

    private static async Task WriteOwnerOnlyAsync(string path, string text, CancellationToken cancellationToken)
    {
        var fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        File.Delete(fullPath);
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var writer = new StreamWriter(fullPath, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), fileOptions);
        await writer.WriteAsync(text.AsMemory(), cancellationToken);
    }
}
