using System.Globalization;
using System.Text.Json;
using AiLiteracy.Model;
using AiLiteracy.Ports;
using AiLiteracy.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AiLiteracy.Storage.Repositories;

/// <summary>EF Core implementation of <see cref="IDefinitionRepository"/>: every change is a new version with its hash and projections.</summary>
internal sealed class DefinitionRepository(AiLiteracyDbContext db, TimeProvider time, ILogger<DefinitionRepository> logger) : IDefinitionRepository
{
    public async Task<DefinitionSaveResult> SaveAsync(DefinitionKind kind, string json, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown definition kind.");
        }

        Internal.Required(json, nameof(json));
        var (label, modules) = Parse(kind, json);
        var hash = Internal.Sha256Hex(json);

        for (var attempt = 0; ; attempt++)
        {
            var current = await CurrentQuery(kind).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (current is not null && current.Hash == hash)
            {
                return new DefinitionSaveResult(current.ToStored(), Created: false);
            }

            var entity = new DefinitionEntity
            {
                Id = Internal.NewId(time),
                Kind = kind,
                Version = (current?.Version ?? 0) + 1,
                Label = label,
                Hash = hash,
                Document = json,
                CreatedAt = Internal.Now(time),
            };
            var projections = modules.Select(m => new ModuleEntity
            {
                DefinitionId = entity.Id,
                CurriculumVersion = entity.Version,
                ModuleId = m.Id,
                ModuleVersion = m.Version,
                Track = m.Track,
                TitleFr = m.Title.Fr,
                TitleEn = string.IsNullOrEmpty(m.Title.En) ? m.Title.Fr : m.Title.En,
                DurationHours = m.DurationHours,
                ValidityMonths = m.ValidityMonths,
                Required = m.Required,
            }).ToList();
            db.Definitions.Add(entity);
            db.Modules.AddRange(projections);
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                StorageLog.DefinitionSaved(logger, kind.ToString(), entity.Version, db.CurrentTenantId ?? "");
                return new DefinitionSaveResult(entity.ToStored(), Created: true);
            }
            catch (DbUpdateException ex) when (attempt < 3 && db.IsUniqueViolation(ex))
            {
                // Another writer saved a version at the same time: read the new current version and try again.
            }
            finally
            {
                db.Entry(entity).State = EntityState.Detached;
                foreach (var projection in projections)
                {
                    db.Entry(projection).State = EntityState.Detached;
                }
            }
        }
    }

    public async Task<StoredDefinition?> GetCurrentAsync(DefinitionKind kind, CancellationToken cancellationToken = default)
    {
        var entity = await CurrentQuery(kind).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return entity?.ToStored();
    }

    public async Task<StoredDefinition?> GetVersionAsync(DefinitionKind kind, int version, CancellationToken cancellationToken = default)
    {
        var entity = await db.Definitions.AsNoTracking()
            .FirstOrDefaultAsync(d => d.Kind == kind && d.Version == version, cancellationToken).ConfigureAwait(false);
        return entity?.ToStored();
    }

    public async Task<IReadOnlyList<DefinitionVersionInfo>> ListVersionsAsync(DefinitionKind kind, CancellationToken cancellationToken = default)
    {
        var rows = await db.Definitions.AsNoTracking()
            .Where(d => d.Kind == kind)
            .OrderByDescending(d => d.Version)
            .Select(d => new { d.Kind, d.Version, d.Label, d.Hash, d.CreatedAt })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(d => new DefinitionVersionInfo { Kind = d.Kind, Version = d.Version, Label = d.Label, Hash = d.Hash, CreatedAt = d.CreatedAt }).ToList();
    }

    public async Task<IReadOnlyList<ModuleSummary>> ListModulesAsync(TrackKind? track = null, CancellationToken cancellationToken = default)
    {
        var current = await db.Definitions.AsNoTracking()
            .Where(d => d.Kind == DefinitionKind.Curriculum)
            .OrderByDescending(d => d.Version)
            .Select(d => (Guid?)d.Id)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (current is not { } definitionId)
        {
            return [];
        }

        var query = db.Modules.AsNoTracking().Where(m => m.DefinitionId == definitionId);
        if (track is { } t)
        {
            query = query.Where(m => m.Track == t);
        }

        var rows = await query.ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.OrderBy(m => m.Track).ThenBy(m => m.ModuleId, StringComparer.Ordinal).Select(m => m.ToSummary()).ToList();
    }

    private IQueryable<DefinitionEntity> CurrentQuery(DefinitionKind kind) =>
        db.Definitions.AsNoTracking().Where(d => d.Kind == kind).OrderByDescending(d => d.Version);

    private static (string? Label, IReadOnlyList<Module> Modules) Parse(DefinitionKind kind, string json)
    {
        try
        {
            switch (kind)
            {
                case DefinitionKind.Curriculum:
                    var curriculum = Deserialize<Curriculum>(json);
                    var duplicate = curriculum.Modules.GroupBy(m => m.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
                    if (duplicate is not null)
                    {
                        throw new ArgumentException($"The curriculum lists module '{duplicate.Key}' more than once.", nameof(json));
                    }

                    return (curriculum.Version, curriculum.Modules);
                case DefinitionKind.CompetencyFramework:
                    return (Deserialize<CompetencyFramework>(json).Version, []);
                case DefinitionKind.JobFamilies:
                    return (Deserialize<JobFamilyCatalog>(json).Version, []);
                case DefinitionKind.Charter:
                    return (Deserialize<Charter>(json).Version.ToString(CultureInfo.InvariantCulture), []);
                case DefinitionKind.ToolRegistry:
                    return (Deserialize<ToolRegistry>(json).Version, []);
                default:
                    throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown definition kind.");
            }
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"The document is not a valid {kind} document: {ex.Message}", nameof(json), ex);
        }
    }

    private static T Deserialize<T>(string json)
        where T : class =>
        JsonSerializer.Deserialize<T>(json, AiLiteracyJson.Options)
        ?? throw new JsonException("The document is empty.");
}
