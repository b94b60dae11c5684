using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Auditing;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Tests.Support;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CivilizationNews.Core.Tests.Accounts;

/// <summary>
/// Identity as the app sets it up (the same password and lockout rules, EF stores on the migrated test
/// database, the newsroom roles), with one context per scope as in a request.
/// </summary>
public sealed class AccountsHarness : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private AccountsHarness(NewsroomFixture fixture, ServiceProvider provider)
    {
        Fixture = fixture;
        _provider = provider;
    }

    public NewsroomFixture Fixture { get; }

    public static async Task<AccountsHarness> CreateAsync()
    {
        var fixture = await NewsroomFixture.CreateAsync();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddSingleton<TimeProvider>(fixture.Clock);
        services.AddScoped<NewsDbContext>(_ => fixture.Database.CreateContext(tracking: false));
        services.AddIdentityCore<NewsUser>(NewsIdentity.Configure)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<NewsDbContext>()
            .AddDefaultTokenProviders()
            .AddNewsAccountRules();
        services.AddScoped<AuditLog>();
        services.AddScoped<UserDesk>();
        services.AddScoped<AccountActivity>();
        services.AddScoped<AccountSecurity>();
        var harness = new AccountsHarness(fixture, services.BuildServiceProvider(validateScopes: true));
        await harness.InScopeAsync(async sp =>
        {
            var roles = sp.GetRequiredService<RoleManager<IdentityRole>>();
            foreach (var role in NewsRoles.All)
            {
                Assert.True((await roles.CreateAsync(new IdentityRole(role))).Succeeded);
            }
            return 0;
        });
        return harness;
    }

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = _provider.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    /// <summary>Runs <paramref name="action"/> with a fresh <see cref="UserDesk"/>, as one request would.</summary>
    public Task<T> DeskAsync<T>(Func<UserDesk, Task<T>> action) => InScopeAsync(sp => action(sp.GetRequiredService<UserDesk>()));

    public async Task<List<AuditEntry>> AuditAsync()
    {
        await using var db = Fixture.Context();
        return await db.AuditEntries.OrderBy(e => e.Id).ToListAsync(TestContext.Current.CancellationToken);
    }

    public async Task<NewsUser?> UserAsync(string email)
    {
        await using var db = Fixture.Context();
        return await db.Users.SingleOrDefaultAsync(u => u.Email == email, TestContext.Current.CancellationToken);
    }

    public async Task<List<string>> RolesAsync(string id)
    {
        await using var db = Fixture.Context();
        return await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == id select r.Name!)
            .OrderBy(n => n).ToListAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        Fixture.Dispose();
    }
}
