using System.Globalization;
using AiLiteracy.Model;
using Newtonsoft.Json.Linq;

namespace AiLiteracy.Schemas.Validation;

/// <summary>
/// Checks beyond the schemas, on whatever parsed: duplicate ids, unknown references (across files when the referenced
/// kind is present), prerequisite cycles, levels outside the scale, forbidden tools, validity and versions. Works on
/// the JSON trees, skipping values of the wrong type (the schema reports those), so that every error has a path.
/// </summary>
internal sealed class SemanticChecker
{
    private static readonly HashSet<string> TrackKinds = new(["common-core", "job", "referent", "elected", "manager"], StringComparer.Ordinal);

    private readonly List<DefinitionError> _errors = [];
    private readonly LoadedDocument? _curriculum;
    private readonly LoadedDocument? _framework;
    private readonly LoadedDocument? _jobFamilies;
    private readonly LoadedDocument? _charter;
    private readonly LoadedDocument? _registry;

    private readonly Dictionary<string, JObject> _modules = new(StringComparer.Ordinal);
    private readonly HashSet<string> _competencies = new(StringComparer.Ordinal);
    private readonly HashSet<string> _jobFamilyIds = new(StringComparer.Ordinal);
    private readonly SortedSet<int> _levels = [];
    private readonly Dictionary<string, (LoadedDocument Document, JObject Tool)> _tools = new(StringComparer.Ordinal);

    private SemanticChecker(IReadOnlyList<LoadedDocument> documents)
    {
        LoadedDocument? Primary(DefinitionKind kind) => documents.FirstOrDefault(d => d.IsPrimary && d.Kind == kind && d.Root is not null);
        _curriculum = Primary(DefinitionKind.Curriculum);
        _framework = Primary(DefinitionKind.CompetencyFramework);
        _jobFamilies = Primary(DefinitionKind.JobFamilies);
        _charter = Primary(DefinitionKind.Charter);
        _registry = Primary(DefinitionKind.ToolRegistry);
    }

    public static IReadOnlyList<DefinitionError> Check(IReadOnlyList<LoadedDocument> documents)
    {
        var checker = new SemanticChecker(documents);
        checker.Run();
        return checker._errors;
    }

    private void Run()
    {
        CheckJobFamilies();
        CheckFramework();
        CheckTools();
        CheckCurriculum();
    }

    private void CheckJobFamilies()
    {
        if (_jobFamilies?.Root is not { } root)
        {
            return;
        }

        foreach (var id in CheckDuplicateIds(_jobFamilies, Objects(root, "jobFamilies"), "id"))
        {
            _jobFamilyIds.Add(id);
        }
    }

    private void CheckFramework()
    {
        if (_framework?.Root is not { } root)
        {
            return;
        }

        var doc = _framework;
        var scale = root["scale"] as JObject;
        var levels = Objects(scale, "levels").ToList();
        CheckDuplicateIds(doc, levels, "id");
        foreach (var (level, _) in levels)
        {
            if (Int(level["level"]) is { } number && !_levels.Add(number))
            {
                Add(doc, level["level"]!, DefinitionErrorCodes.DuplicateId,
                    $"Le niveau {number} est déclaré plusieurs fois dans l'échelle.",
                    $"Level {number} is declared more than once in the scale.");
            }
        }

        if (_levels.Count > 0)
        {
            if (Int(scale?["proficientThreshold"]) is { } threshold && !_levels.Contains(threshold))
            {
                Add(doc, scale!["proficientThreshold"]!, DefinitionErrorCodes.LevelRange,
                    $"Le seuil de maîtrise {threshold} n'est pas un niveau de l'échelle ({LevelList()}).",
                    $"The proficient threshold {threshold} is not a level of the scale ({LevelList()}).");
            }

            if (Int(scale?["maxLevel"]) is { } max && max != _levels.Max)
            {
                Add(doc, scale!["maxLevel"]!, DefinitionErrorCodes.LevelRange,
                    $"« maxLevel » vaut {max} alors que le niveau le plus élevé de l'échelle est {_levels.Max} ; supprimez la propriété, elle est calculée.",
                    $"\"maxLevel\" is {max} while the highest level of the scale is {_levels.Max}; remove the property, it is computed.");
            }
        }

        var domains = CheckDuplicateIds(doc, Objects(root, "domains"), "id");
        var competencies = Objects(root, "competencies").ToList();
        foreach (var id in CheckDuplicateIds(doc, competencies, "id"))
        {
            _competencies.Add(id);
        }

        foreach (var (competency, _) in competencies)
        {
            if (competency["domainId"] is JValue { Type: JTokenType.String } domain && !domains.Contains((string)domain!))
            {
                Add(doc, domain, DefinitionErrorCodes.UnknownReference,
                    $"Le domaine « {domain} » n'est pas déclaré dans « domains ».",
                    $"Domain \"{domain}\" is not declared in \"domains\".");
            }
        }

        var profiles = Objects(root, "roleProfiles").ToList();
        CheckDuplicateIds(doc, profiles, "id");
        foreach (var (profile, _) in profiles)
        {
            if (_jobFamilies is not null && profile["jobFamilyId"] is JValue { Type: JTokenType.String } family && !_jobFamilyIds.Contains((string)family!))
            {
                UnknownJobFamily(doc, family);
            }

            var requirements = Objects(profile, "requirements").ToList();
            CheckDuplicateIds(doc, requirements, "competencyId");
            foreach (var (requirement, _) in requirements)
            {
                if (requirement["competencyId"] is JValue { Type: JTokenType.String } competency && !_competencies.Contains((string)competency!))
                {
                    Add(doc, competency, DefinitionErrorCodes.UnknownReference,
                        $"La compétence « {competency} » n'est pas déclarée dans « competencies ».",
                        $"Competency \"{competency}\" is not declared in \"competencies\".");
                }

                CheckLevel(doc, requirement["level"]);
            }
        }
    }

    private void CheckTools()
    {
        if (_charter?.Root is { } charter)
        {
            CheckDuplicateIds(_charter, Objects(charter, "rules"), "id");
            CheckDuplicateIds(_charter, Objects(charter, "dataClasses"), "id");
            CollectTools(_charter, charter);
        }

        if (_registry?.Root is { } registry)
        {
            CollectTools(_registry, registry);
        }

        if (_curriculum?.Root is not { } curriculum)
        {
            return;
        }

        var moduleIds = Objects(curriculum, "modules").Select(m => Str(m.Item["id"])).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var (doc, root) in new[] { (_charter, _charter?.Root), (_registry, _registry?.Root) })
        {
            if (doc is null || root is null)
            {
                continue;
            }

            foreach (var (tool, _) in Objects(root, "tools"))
            {
                foreach (var module in Strings(tool, "requiredModules"))
                {
                    if (!moduleIds.Contains((string)module!))
                    {
                        Add(doc, module, DefinitionErrorCodes.UnknownReference,
                            $"Le module requis « {module} » n'existe pas dans le référentiel de formation ({_curriculum.File}).",
                            $"Required module \"{module}\" does not exist in the curriculum ({_curriculum.File}).");
                    }
                }
            }
        }
    }

    private void CollectTools(LoadedDocument doc, JObject root)
    {
        foreach (var (tool, _) in Objects(root, "tools"))
        {
            if (tool["id"] is not JValue { Type: JTokenType.String } idToken)
            {
                continue;
            }

            var id = (string)idToken!;
            if (_tools.TryGetValue(id, out var first))
            {
                var where = ReferenceEquals(first.Document, doc) ? string.Empty : " (" + first.Document.File + ")";
                Add(doc, idToken, DefinitionErrorCodes.DuplicateId,
                    $"L'identifiant d'outil « {id} » est déjà utilisé par {JsonPaths.Of(first.Tool)}{where}.",
                    $"Tool id \"{id}\" is already used by {JsonPaths.Of(first.Tool)}{where}.");
            }
            else
            {
                _tools.Add(id, (doc, tool));
            }
        }
    }

    private void CheckCurriculum()
    {
        if (_curriculum?.Root is not { } root)
        {
            return;
        }

        var doc = _curriculum;
        var tracks = CheckDuplicateIds(doc, Objects(root, "tracks"), "id");
        var modules = Objects(root, "modules").ToList();
        CheckDuplicateIds(doc, modules, "id");
        foreach (var (module, _) in modules)
        {
            if (Str(module["id"]) is { } id)
            {
                _modules.TryAdd(id, module);
            }
        }

        var toolsKnown = _charter is not null || _registry is not null;
        foreach (var (module, _) in modules)
        {
            if (module["track"] is JValue { Type: JTokenType.String } track && TrackKinds.Contains((string)track!) && !tracks.Contains((string)track!))
            {
                Add(doc, track, DefinitionErrorCodes.UnknownReference,
                    $"Le parcours « {track} » n'est pas déclaré dans « tracks ».",
                    $"Track \"{track}\" is not declared in \"tracks\".");
            }

            var version = module["version"] is { } versionToken ? Int(versionToken) : 1;
            if (Int(module["minimumVersion"]) is { } minimum && version is { } v && minimum > v)
            {
                Add(doc, module["minimumVersion"]!, DefinitionErrorCodes.Version,
                    $"« minimumVersion » ({minimum}) ne peut pas dépasser « version » ({v}).",
                    $"\"minimumVersion\" ({minimum}) cannot be greater than \"version\" ({v}).");
            }

            if (module["validityMonths"] is JValue { Type: JTokenType.Integer } validity && Sign(validity) <= 0)
            {
                Add(doc, validity, DefinitionErrorCodes.Validity,
                    $"« validityMonths » vaut {validity} : la validité doit être d'au moins 1 mois ; omettez la propriété si le module n'expire pas.",
                    $"\"validityMonths\" is {validity}: validity must be at least 1 month; omit the property when the module never expires.");
            }

            foreach (var prerequisite in Strings(module, "prerequisites"))
            {
                if (!_modules.ContainsKey((string)prerequisite!))
                {
                    Add(doc, prerequisite, DefinitionErrorCodes.UnknownReference,
                        $"Le prérequis « {prerequisite} » ne correspond à aucun module du référentiel.",
                        $"Prerequisite \"{prerequisite}\" matches no module of the curriculum.");
                }
            }

            if (_framework is not null)
            {
                foreach (var (competency, _) in Objects(module, "competencies"))
                {
                    if (competency["competencyId"] is JValue { Type: JTokenType.String } competencyId && !_competencies.Contains((string)competencyId!))
                    {
                        Add(doc, competencyId, DefinitionErrorCodes.UnknownReference,
                            $"La compétence « {competencyId} » n'existe pas dans le référentiel de compétences ({_framework.File}).",
                            $"Competency \"{competencyId}\" does not exist in the competency framework ({_framework.File}).");
                    }

                    CheckLevel(doc, competency["level"]);
                }
            }

            if (_jobFamilies is not null)
            {
                foreach (var family in Strings(module["audience"], "jobFamilies"))
                {
                    if (!_jobFamilyIds.Contains((string)family!))
                    {
                        UnknownJobFamily(doc, family);
                    }
                }
            }

            if (toolsKnown)
            {
                foreach (var toolId in Strings(module, "toolsDemonstrated"))
                {
                    if (!_tools.TryGetValue((string)toolId!, out var tool))
                    {
                        Add(doc, toolId, DefinitionErrorCodes.UnknownReference,
                            $"L'outil « {toolId} » n'est pas dans le registre des outils de la charte.",
                            $"Tool \"{toolId}\" is not in the charter's tool registry.");
                    }
                    else if (Str(tool.Tool["status"]) == "forbidden")
                    {
                        Add(doc, toolId, DefinitionErrorCodes.ForbiddenTool,
                            $"Le module démontre l'outil « {toolId} », que la charte interdit (statut « forbidden » dans {tool.Document.File}).",
                            $"The module demonstrates tool \"{toolId}\", which the charter forbids (status \"forbidden\" in {tool.Document.File}).");
                    }
                }
            }
        }

        CheckCycles(doc, modules);
    }

    private void CheckCycles(LoadedDocument doc, List<(JObject Item, int Index)> modules)
    {
        // Depth-first search in file order; each back edge closes a cycle, reported once (rotated to start at the
        // module that comes first in the file) on the prerequisite entry that leaves that module.
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (module, _) in modules)
        {
            if (Str(module["id"]) is { } id)
            {
                order.TryAdd(id, order.Count);
            }
        }

        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 = on the stack, 2 = done
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in order.Keys)
        {
            if (state.ContainsKey(start))
            {
                continue;
            }

            var stack = new List<(string Id, IEnumerator<string> Next)>();
            state[start] = 1;
            stack.Add((start, Prerequisites(start).GetEnumerator()));
            while (stack.Count > 0)
            {
                var (current, next) = stack[^1];
                if (!next.MoveNext())
                {
                    state[current] = 2;
                    stack.RemoveAt(stack.Count - 1);
                    continue;
                }

                var target = next.Current;
                if (!state.TryGetValue(target, out var targetState))
                {
                    state[target] = 1;
                    stack.Add((target, Prerequisites(target).GetEnumerator()));
                }
                else if (targetState == 1)
                {
                    var from = stack.FindIndex(s => s.Id == target);
                    var cycle = stack.Skip(from).Select(s => s.Id).ToList();
                    var first = cycle.IndexOf(cycle.MinBy(id => order[id])!);
                    cycle = [.. cycle.Skip(first), .. cycle.Take(first)];
                    var key = string.Join('\u0001', cycle);
                    if (reported.Add(key))
                    {
                        var head = _modules[cycle[0]];
                        var successor = cycle.Count > 1 ? cycle[1] : cycle[0];
                        var entry = Strings(head, "prerequisites").First(p => (string)p! == successor);
                        var path = string.Join(" → ", cycle.Append(cycle[0]));
                        Add(doc, entry, DefinitionErrorCodes.Cycle,
                            $"Les prérequis forment un cycle : {path}. Aucun de ces modules ne pourrait être suivi.",
                            $"Prerequisites form a cycle: {path}. None of these modules could ever be taken.");
                    }
                }
            }
        }

        IEnumerable<string> Prerequisites(string id) =>
            Strings(_modules[id], "prerequisites").Select(p => (string)p!).Where(order.ContainsKey).Distinct(StringComparer.Ordinal);
    }

    private void CheckLevel(LoadedDocument doc, JToken? level)
    {
        if (_levels.Count > 0 && Int(level) is { } value && value >= 1 && !_levels.Contains(value))
        {
            Add(doc, level!, DefinitionErrorCodes.LevelRange,
                $"Le niveau {value} est hors de l'échelle du référentiel de compétences (niveaux {LevelList()}).",
                $"Level {value} is outside the competency framework's scale (levels {LevelList()}).");
        }
    }

    private void UnknownJobFamily(LoadedDocument doc, JValue family) =>
        Add(doc, family, DefinitionErrorCodes.UnknownReference,
            $"La famille de métiers « {family} » n'existe pas ({_jobFamilies!.File}).",
            $"Job family \"{family}\" does not exist ({_jobFamilies!.File}).");

    private string LevelList() => string.Join(", ", _levels.Select(l => l.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Reports every repeated id among <paramref name="items"/> and returns the distinct ids.</summary>
    private HashSet<string> CheckDuplicateIds(LoadedDocument doc, IEnumerable<(JObject Item, int Index)> items, string property)
    {
        var first = new Dictionary<string, JObject>(StringComparer.Ordinal);
        foreach (var (item, _) in items)
        {
            if (item[property] is not JValue { Type: JTokenType.String } idToken)
            {
                continue;
            }

            var id = (string)idToken!;
            if (first.TryGetValue(id, out var original))
            {
                Add(doc, idToken, DefinitionErrorCodes.DuplicateId,
                    $"L'identifiant « {id} » est déjà utilisé par {JsonPaths.Of(original)}.",
                    $"Id \"{id}\" is already used by {JsonPaths.Of(original)}.");
            }
            else
            {
                first.Add(id, item);
            }
        }

        return first.Keys.ToHashSet(StringComparer.Ordinal);
    }

    private void Add(LoadedDocument doc, JToken token, string code, string fr, string en)
    {
        var path = JsonPaths.Of(token);
        var position = doc.Parsed.ValueAt(path);
        _errors.Add(new DefinitionError
        {
            File = doc.File,
            JsonPath = path,
            Line = position?.Line,
            Column = position?.Column,
            Code = code,
            Message = new LocalizedText(fr, en),
        });
    }

    private static IEnumerable<(JObject Item, int Index)> Objects(JToken? parent, string property) =>
        parent is JObject o && o[property] is JArray array
            ? array.Select((item, index) => (item as JObject, index)).Where(x => x.Item1 is not null).Select(x => (x.Item1!, x.index))
            : [];

    private static IEnumerable<JValue> Strings(JToken? parent, string property) =>
        parent is JObject o && o[property] is JArray array ? array.OfType<JValue>().Where(v => v.Type == JTokenType.String) : [];

    private static string? Str(JToken? token) => token is JValue { Type: JTokenType.String } v ? (string?)v : null;

    private static int Sign(JValue integer) => integer.Value switch
    {
        long l => Math.Sign(l),
        System.Numerics.BigInteger b => b.Sign,
        _ => 1,
    };

    private static int? Int(JToken? token) =>
        token is JValue { Type: JTokenType.Integer } v && v.Value is long l && l is >= int.MinValue and <= int.MaxValue ? (int)l : null;
}
