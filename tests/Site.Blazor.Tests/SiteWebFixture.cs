using Site.TestSupport;

namespace Site.Blazor.Tests;

/// <summary>One web host on its own fresh database, shared by the tests of a class that do not change its settings.</summary>
public sealed class SiteWebFixture : IAsyncLifetime
{
    private TestDatabase? _database;
    private SiteWebFactory? _factory;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("The fixture has not started.");

    public SiteWebFactory Factory => _factory ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _factory = new SiteWebFactory(_database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
