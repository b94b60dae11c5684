using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivilizationNews.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StoryDocuments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReadGenerations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReadGenerations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StoryDocuments",
                columns: table => new
                {
                    ArticleId = table.Column<int>(type: "INTEGER", nullable: false),
                    PreviousId = table.Column<int>(type: "INTEGER", nullable: true),
                    NextId = table.Column<int>(type: "INTEGER", nullable: true),
                    Json = table.Column<string>(type: "TEXT", nullable: false),
                    BuiltAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoryDocuments", x => x.ArticleId);
                });

            migrationBuilder.InsertData(
                table: "ReadGenerations",
                columns: new[] { "Id", "Value" },
                values: new object[] { 1, 0L });

            migrationBuilder.CreateIndex(
                name: "IX_StoryDocuments_NextId",
                table: "StoryDocuments",
                column: "NextId");

            migrationBuilder.CreateIndex(
                name: "IX_StoryDocuments_PreviousId",
                table: "StoryDocuments",
                column: "PreviousId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReadGenerations");

            migrationBuilder.DropTable(
                name: "StoryDocuments");
        }
    }
}
