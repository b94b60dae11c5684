using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivilizationNews.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Search : Migration
    {
        /// <summary>
        /// The FTS5 index over the jieba-segmented text (docs/search.md): contentless, because the original
        /// text is in SearchDocuments; contentless_delete so that a story's row can be replaced; rowid = ArticleId;
        /// detail=column, because no query needs token positions (phrases are checked on the original text)
        /// and position lists would make every doclist several times longer to read.
        /// </summary>
        public const string CreateSearchIndexSql =
            "CREATE VIRTUAL TABLE SearchIndex USING fts5(title, kicker, subtitle, summary, body, captions, units, " +
            "content='', contentless_delete=1, detail=column, tokenize='unicode61 remove_diacritics 2');";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SearchDocuments",
                columns: table => new
                {
                    ArticleId = table.Column<int>(type: "INTEGER", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SectionId = table.Column<int>(type: "INTEGER", nullable: false),
                    EditionDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kicker = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Subtitle = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    UnitNames = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Captions = table.Column<string>(type: "TEXT", nullable: true),
                    Body = table.Column<string>(type: "TEXT", nullable: false)
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

            migrationBuilder.Sql(CreateSearchIndexSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE IF EXISTS SearchIndex;");

            migrationBuilder.DropTable(
                name: "SearchDocuments");
        }
    }
}
