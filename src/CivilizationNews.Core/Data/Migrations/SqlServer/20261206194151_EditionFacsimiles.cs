using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivilizationNews.Core.Data.Migrations.SqlServer
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
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    EditionPageId = table.Column<int>(type: "int", nullable: false),
                    ArticleId = table.Column<int>(type: "int", nullable: true),
                    Kind = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Order = table.Column<int>(type: "int", nullable: false),
                    X = table.Column<double>(type: "float", nullable: false),
                    Y = table.Column<double>(type: "float", nullable: false),
                    Width = table.Column<double>(type: "float", nullable: false),
                    Height = table.Column<double>(type: "float", nullable: false)
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
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    EditionPageId = table.Column<int>(type: "int", nullable: true),
                    UploadKey = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    EditionDate = table.Column<DateOnly>(type: "date", nullable: false),
                    PageNumber = table.Column<int>(type: "int", nullable: false),
                    PageName = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: true),
                    SectionId = table.Column<int>(type: "int", nullable: true),
                    Width = table.Column<double>(type: "float", nullable: false),
                    Height = table.Column<double>(type: "float", nullable: false),
                    HasTextLayer = table.Column<bool>(type: "bit", nullable: false),
                    FileName = table.Column<string>(type: "nvarchar(260)", maxLength: 260, nullable: false),
                    Pdf = table.Column<byte[]>(type: "varbinary(max)", nullable: false),
                    PdfLength = table.Column<long>(type: "bigint", nullable: false),
                    ImageSource = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    ProposalJson = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    ClaimedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Note = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    UploadedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    UploadedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
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
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    FacsimileId = table.Column<int>(type: "int", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    ContentType = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    Width = table.Column<int>(type: "int", nullable: false),
                    Height = table.Column<int>(type: "int", nullable: false),
                    Data = table.Column<byte[]>(type: "varbinary(max)", nullable: false)
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
                unique: true,
                filter: "[EditionPageId] IS NOT NULL");

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
