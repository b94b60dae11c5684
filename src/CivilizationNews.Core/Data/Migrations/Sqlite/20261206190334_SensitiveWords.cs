using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivilizationNews.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SensitiveWords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AcknowledgedWarnings",
                table: "ArticleTransitions",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SensitiveWords",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Word = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SensitiveWords", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SensitiveWords_Word",
                table: "SensitiveWords",
                column: "Word",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SensitiveWords");

            migrationBuilder.DropColumn(
                name: "AcknowledgedWarnings",
                table: "ArticleTransitions");
        }
    }
}
