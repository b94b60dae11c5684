using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivilizationNews.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ArticleCorrections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ArticleCorrections",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ArticleId = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Wrong = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Right = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    BeforeRevisionId = table.Column<long>(type: "INTEGER", nullable: true),
                    RevisionId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArticleCorrections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ArticleCorrections_ArticleRevisions_BeforeRevisionId",
                        column: x => x.BeforeRevisionId,
                        principalTable: "ArticleRevisions",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_ArticleCorrections_ArticleRevisions_RevisionId",
                        column: x => x.RevisionId,
                        principalTable: "ArticleRevisions",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_ArticleCorrections_Articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "Articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ArticleCorrections_ArticleId_CreatedAt",
                table: "ArticleCorrections",
                columns: new[] { "ArticleId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ArticleCorrections_BeforeRevisionId",
                table: "ArticleCorrections",
                column: "BeforeRevisionId");

            migrationBuilder.CreateIndex(
                name: "IX_ArticleCorrections_CreatedAt",
                table: "ArticleCorrections",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ArticleCorrections_RevisionId",
                table: "ArticleCorrections",
                column: "RevisionId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ArticleCorrections");
        }
    }
}
