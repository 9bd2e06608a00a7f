using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiLiteracy.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class HrIntegration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "withdrawn_at",
                table: "completions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "checkpoints",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    state = table.Column<string>(type: "text", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_checkpoints", x => new { x.tenant_id, x.name });
                });

            migrationBuilder.CreateIndex(
                name: "ix_completions_withdrawn_at",
                table: "completions",
                columns: new[] { "tenant_id", "withdrawn_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "checkpoints");

            migrationBuilder.DropIndex(
                name: "ix_completions_withdrawn_at",
                table: "completions");

            migrationBuilder.DropColumn(
                name: "withdrawn_at",
                table: "completions");
        }
    }
}
