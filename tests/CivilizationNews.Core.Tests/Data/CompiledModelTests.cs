using CivilizationNews.Core.Data;
using CivilizationNews.Core.Data.CompiledModels.Sqlite;
using CivilizationNews.Core.Data.CompiledModels.SqlServer;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CivilizationNews.Core.Tests.Data;

/// <summary>
/// The app runs on the compiled models under Data/CompiledModels (EF finds them by their assembly attribute), not on
/// the model OnModelCreating builds. A model change without scripts/refresh-compiled-models.sh would run the app on the
/// old shape: these tests compare every table, column, key, index and relationship of each compiled model with the
/// model EF builds from the code (the design-time model, which migrations use).
/// </summary>
public sealed class CompiledModelTests
{
    private const string Refresh = "The compiled model is out of date: run scripts/refresh-compiled-models.sh and commit the result.";

    [Fact]
    public void The_SQLite_context_runs_on_its_compiled_model()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        Assert.Same(SqliteNewsDbContextModel.Instance.GetType(), db.Model.GetType());
    }

    [Fact]
    public void The_SQL_Server_context_runs_on_its_compiled_model()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        Assert.Same(SqlServerNewsDbContextModel.Instance.GetType(), db.Model.GetType());
    }

    [Fact]
    public void The_SQLite_compiled_model_matches_the_code()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        AssertSameShape(db);
    }

    [Fact]
    public void The_SQL_Server_compiled_model_matches_the_code()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        AssertSameShape(db);
    }

    private static void AssertSameShape(DbContext db)
    {
        var designTime = db.GetService<IDesignTimeModel>().Model;
        Assert.NotSame(designTime, db.Model);
        var differences = Differences(Describe(db.Model), Describe(designTime));
        Assert.True(differences.Count == 0, Refresh + Environment.NewLine + string.Join(Environment.NewLine, differences));
    }

    private static List<string> Differences(IEnumerable<string> compiled, IEnumerable<string> code)
    {
        var compiledSet = compiled.ToHashSet(StringComparer.Ordinal);
        var codeSet = code.ToHashSet(StringComparer.Ordinal);
        return codeSet.Except(compiledSet).Select(line => "code only:     " + line)
            .Concat(compiledSet.Except(codeSet).Select(line => "compiled only: " + line))
            .Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>One line per table, column, key, index, foreign key, entity property and navigation.</summary>
    private static IEnumerable<string> Describe(IModel model)
    {
        foreach (var table in model.GetRelationalModel().Tables)
        {
            var name = table.Name;
            yield return $"table {name} schema={table.Schema}";
            foreach (var column in table.Columns)
            {
                yield return $"column {name}.{column.Name} {column.StoreType} null={column.IsNullable} concurrency={column.PropertyMappings.Any(m => m.Property.IsConcurrencyToken)}";
            }
            if (table.PrimaryKey is { } primary)
            {
                yield return $"primary key {name} {primary.Name} ({Columns(primary.Columns)})";
            }
            foreach (var unique in table.UniqueConstraints.Where(u => !u.GetIsPrimaryKey()))
            {
                yield return $"unique {name} {unique.Name} ({Columns(unique.Columns)})";
            }
            foreach (var index in table.Indexes)
            {
                yield return $"index {name} {index.Name} ({Columns(index.Columns)}) unique={index.IsUnique} filter={index.Filter}";
            }
            foreach (var foreignKey in table.ForeignKeyConstraints)
            {
                yield return $"foreign key {name} {foreignKey.Name} ({Columns(foreignKey.Columns)}) -> {foreignKey.PrincipalTable.Name} " +
                    $"({Columns(foreignKey.PrincipalColumns)}) on delete {foreignKey.OnDeleteAction}";
            }
        }
        foreach (var entity in model.GetEntityTypes())
        {
            var name = entity.Name;
            yield return $"entity {name} table={entity.GetTableName()} base={entity.BaseType?.Name}";
            foreach (var property in entity.GetProperties())
            {
                yield return $"property {name}.{property.Name} {property.ClrType.Name} null={property.IsNullable} max={property.GetMaxLength()} " +
                    $"generated={property.ValueGenerated} converter={property.GetValueConverter()?.GetType().Name} concurrency={property.IsConcurrencyToken}";
            }
            foreach (var navigation in entity.GetNavigations())
            {
                yield return $"navigation {name}.{navigation.Name} -> {navigation.TargetEntityType.Name} collection={navigation.IsCollection}";
            }
            foreach (var navigation in entity.GetSkipNavigations())
            {
                yield return $"skip navigation {name}.{navigation.Name} -> {navigation.TargetEntityType.Name}";
            }
            foreach (var foreignKey in entity.GetForeignKeys())
            {
                yield return $"relationship {name} ({string.Join(", ", foreignKey.Properties.Select(p => p.Name))}) -> {foreignKey.PrincipalEntityType.Name} " +
                    $"required={foreignKey.IsRequired} unique={foreignKey.IsUnique} delete={foreignKey.DeleteBehavior}";
            }
            foreach (var filter in entity.GetDeclaredQueryFilters())
            {
                yield return $"query filter {name} {filter.Key} {filter.Expression}";
            }
        }
    }

    private static string Columns(IEnumerable<IColumn> columns) => string.Join(", ", columns.Select(c => c.Name));
}
