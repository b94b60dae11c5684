using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivilizationNews.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EditionFacsimiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "EditionPageRegions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EditionPageId = table.Column<int>(type: "INTEGER", nullable: false),
                    ArticleId = table.Column<int>(type: "INTEGER", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    X = table.Column<double>(type: "REAL", nullable: false),
                    Y = table.Column<double>(type: "REAL", nullable: false),
                    Width = table.Column<double>(type: "REAL", nullable: false),
                    Height = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EditionPageRegions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EditionPageRegions_Articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "Articles",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_EditionPageRegions_EditionPages_EditionPageId",
                        column: x => x.EditionPageId,
                        principalTable: "EditionPages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PageFacsimiles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EditionPageId = table.Column<int>(type: "INTEGER", nullable: true),
                    UploadKey = table.Column<Guid>(type: "TEXT", nullable: false),
                    EditionDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PageNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    PageName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    SectionId = table.Column<int>(type: "INTEGER", nullable: true),
                    Width = table.Column<double>(type: "REAL", nullable: false),
                    Height = table.Column<double>(type: "REAL", nullable: false),
                    HasTextLayer = table.Column<bool>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    Pdf = table.Column<byte[]>(type: "BLOB", nullable: false),
                    PdfLength = table.Column<long>(type: "INTEGER", nullable: false),
                    ImageSource = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ProposalJson = table.Column<string>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ClaimedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    UploadedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PageFacsimiles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PageFacsimiles_EditionPages_EditionPageId",
                        column: x => x.EditionPageId,
                        principalTable: "EditionPages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PageFacsimileImages",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FacsimileId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Width = table.Column<int>(type: "INTEGER", nullable: false),
                    Height = table.Column<int>(type: "INTEGER", nullable: false),
                    Data = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PageFacsimileImages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PageFacsimileImages_PageFacsimiles_FacsimileId",
                        column: x => x.FacsimileId,
                        principalTable: "PageFacsimiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EditionPageRegions_ArticleId",
                table: "EditionPageRegions",
                column: "ArticleId");

            migrationBuilder.CreateIndex(
                name: "IX_EditionPageRegions_EditionPageId_Order",
                table: "EditionPageRegions",
                columns: new[] { "EditionPageId", "Order" });

            migrationBuilder.CreateIndex(
                name: "IX_PageFacsimileImages_FacsimileId_Name",
                table: "PageFacsimileImages",
                columns: new[] { "FacsimileId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PageFacsimiles_EditionPageId",
                table: "PageFacsimiles",
                column: "EditionPageId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PageFacsimiles_Status_UploadedAt",
                table: "PageFacsimiles",
                columns: new[] { "Status", "UploadedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PageFacsimiles_UploadKey",
                table: "PageFacsimiles",
                column: "UploadKey",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EditionPageRegions");

            migrationBuilder.DropTable(
                name: "PageFacsimileImages");

            migrationBuilder.DropTable(
                name: "PageFacsimiles");
        }
    }
}
