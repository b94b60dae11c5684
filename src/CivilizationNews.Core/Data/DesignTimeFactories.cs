using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CivilizationNews.Core.Data;

/// <summary>Lets `dotnet ef` build the SQLite context without starting the app.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteNewsDbContext>
{
    public SqliteNewsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteNewsDbContext>()
            .UseSqlite("Data Source=design-time.db", DatabaseSetup.ConfigureSqlite)
            .Options);
}

/// <summary>Lets `dotnet ef` build the SQL Server context and script migrations without a server.</summary>
public sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerNewsDbContext>
{
    public SqlServerNewsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerNewsDbContext>()
            .UseSqlServer("Server=localhost;Database=CivilizationNews;Integrated Security=true;TrustServerCertificate=true", DatabaseSetup.ConfigureSqlServer)
            .Options);
}
