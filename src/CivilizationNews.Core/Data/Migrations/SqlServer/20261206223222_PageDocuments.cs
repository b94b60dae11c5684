using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivilizationNews.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class PageDocuments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PageDocuments",
                columns: table => new
                {
                    Key = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Json = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    BuiltAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PageDocuments", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "PageDocumentTags",
                columns: table => new
                {
                    Tag = table.Column<string>(type: "nvarchar(150)", maxLength: 150, nullable: false),
                    Key = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PageDocumentTags", x => new { x.Tag, x.Key });
                    table.ForeignKey(
                        name: "FK_PageDocumentTags_PageDocuments_Key",
                        column: x => x.Key,
                        principalTable: "PageDocuments",
                        principalColumn: "Key",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PageDocumentTags_Key",
                table: "PageDocumentTags",
                column: "Key");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PageDocumentTags");

            migrationBuilder.DropTable(
                name: "PageDocuments");
        }
    }
}
