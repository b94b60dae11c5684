using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivilizationNews.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Search : Migration
    {
        // Full-text search (docs/database.md, docs/search.md). CREATE FULLTEXT statements cannot run inside a
        // transaction, hence suppressTransaction. Without the Full-Text Search feature installed they are
        // skipped and the search page reports that search is unavailable instead of failing the deployment.

        public const string CreateCatalogSql =
            "IF FULLTEXTSERVICEPROPERTY('IsFullTextInstalled') = 1 " +
            "AND NOT EXISTS (SELECT 1 FROM sys.fulltext_catalogs WHERE name = N'SearchCatalog') " +
            "CREATE FULLTEXT CATALOG SearchCatalog;";

        /// <summary>Chinese word breaker (LCID 2052) on every text column; no stoplist, so one- and two-character words are kept.</summary>
        public const string CreateFullTextIndexSql =
            "IF FULLTEXTSERVICEPROPERTY('IsFullTextInstalled') = 1 " +
            "AND NOT EXISTS (SELECT 1 FROM sys.fulltext_indexes WHERE object_id = OBJECT_ID(N'dbo.SearchDocuments')) " +
            "CREATE FULLTEXT INDEX ON dbo.SearchDocuments (Title LANGUAGE 2052, Kicker LANGUAGE 2052, Subtitle LANGUAGE 2052, " +
            "Summary LANGUAGE 2052, Body LANGUAGE 2052, Captions LANGUAGE 2052, UnitNames LANGUAGE 2052) " +
            "KEY INDEX PK_SearchDocuments ON SearchCatalog WITH (CHANGE_TRACKING = AUTO, STOPLIST = OFF);";

        public const string DropFullTextIndexSql =
            "IF EXISTS (SELECT 1 FROM sys.fulltext_indexes WHERE object_id = OBJECT_ID(N'dbo.SearchDocuments')) " +
            "DROP FULLTEXT INDEX ON dbo.SearchDocuments;";

        public const string DropCatalogSql =
            "IF EXISTS (SELECT 1 FROM sys.fulltext_catalogs WHERE name = N'SearchCatalog') DROP FULLTEXT CATALOG SearchCatalog;";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SearchDocuments",
                columns: table => new
                {
                    ArticleId = table.Column<int>(type: "int", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    SectionId = table.Column<int>(type: "int", nullable: false),
                    EditionDate = table.Column<DateOnly>(type: "date", nullable: true),
                    Title = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Kicker = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Subtitle = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: true),
                    Summary = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    UnitNames = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    Captions = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    Body = table.Column<string>(type: "nvarchar(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SearchDocuments", x => x.ArticleId);
                    table.ForeignKey(
                        name: "FK_SearchDocuments_Articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "Articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SearchDocuments_Filters",
                table: "SearchDocuments",
                columns: new[] { "ArticleId", "PublishedAt", "SectionId", "EditionDate" });

            migrationBuilder.Sql(CreateCatalogSql, suppressTransaction: true);
            migrationBuilder.Sql(CreateFullTextIndexSql, suppressTransaction: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(DropFullTextIndexSql, suppressTransaction: true);
            migrationBuilder.Sql(DropCatalogSql, suppressTransaction: true);

            migrationBuilder.DropTable(
                name: "SearchDocuments");
        }
    }
}
