using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AiLiteracy.Connector.Tests.Generation;

namespace AiLiteracy.Connector.Tests.Rules;

/// <summary>
/// The rules of ../shared/CONNECTOR.md (Microsoft's certification checklist), one method per rule; each returns the
/// violations it finds, empty when the connector follows the rule.
/// </summary>
public static partial class ConnectorRules
{
    public const int MaxDefinitionBytes = 1024 * 1024;

    public static readonly string[] AllowedMimeTypes = ["application/json", "text/plain", "multipart/form-data", "application/x-www-form-urlencoded"];

    public static readonly string[] AllowedCategories =
    [
        "AI", "Business Management", "Business Intelligence", "Collaboration", "Commerce", "Communication", "Content and Files",
        "Data", "Finance", "Human Resources", "Internet of Things", "IT Operations", "Lifestyle and Entertainment", "Marketing",
        "Productivity", "Sales and CRM", "Security", "Social Media", "Website",
    ];

    private static readonly string[] ForbiddenTitleWords = ["API", "Connector", "Power Automate", "Power Apps", "Power Platform", "Logic Apps", "Copilot Studio", "Flow"];

    private static readonly HashSet<string> MinorWords = new(StringComparer.Ordinal) { "a", "an", "the", "and", "or", "of", "in", "on", "for", "to", "by", "at", "as", "with", "from" };

    /// <summary>Words that keep their capital in a sentence-case summary.</summary>
    private static readonly HashSet<string> ProperWords = new(StringComparer.Ordinal) { "AI", "CSV", "HR", "ID", "Entra", "GDPR", "DPO", "LMS", "URL" };

    /// <summary>Every rule, by name (the tests run each one on its own).</summary>
    public static IReadOnlyDictionary<string, Func<ConnectorPackage, IReadOnlyList<string>>> All { get; } =
        new Dictionary<string, Func<ConnectorPackage, IReadOnlyList<string>>>(StringComparer.Ordinal)
        {
            [nameof(SwaggerIsVersion2UnderOneMegabyte)] = SwaggerIsVersion2UnderOneMegabyte,
            [nameof(TitleIsShortWithoutForbiddenWords)] = TitleIsShortWithoutForbiddenWords,
            [nameof(DescriptionHasAllowedLength)] = DescriptionHasAllowedLength,
            [nameof(ContactIsComplete)] = ContactIsComplete,
            [nameof(ConnectorMetadataIsComplete)] = ConnectorMetadataIsComplete,
            [nameof(HostAndBasePathAreWellFormed)] = HostAndBasePathAreWellFormed,
            [nameof(OperationIdsArePascalCaseAndUnique)] = OperationIdsArePascalCaseAndUnique,
            [nameof(SummariesAreSentenceCase)] = SummariesAreSentenceCase,
            [nameof(DescriptionsAreFullSentences)] = DescriptionsAreFullSentences,
            [nameof(ParametersHaveTitleCaseSummaries)] = ParametersHaveTitleCaseSummaries,
            [nameof(ResponsePropertiesHaveTitleCaseSummaries)] = ResponsePropertiesHaveTitleCaseSummaries,
            [nameof(VisibilityIsValidAndInternalRequiredHaveDefaults)] = VisibilityIsValidAndInternalRequiredHaveDefaults,
            [nameof(PathParametersAreRequiredAndSingleEncoded)] = PathParametersAreRequiredAndSingleEncoded,
            [nameof(GetOperationsHaveNoBody)] = GetOperationsHaveNoBody,
            [nameof(MimeTypesAreSupported)] = MimeTypesAreSupported,
            [nameof(SuccessResponsesHaveExactSchemas)] = SuccessResponsesHaveExactSchemas,
            [nameof(DefaultResponsesHaveNoSchema)] = DefaultResponsesHaveNoSchema,
            [nameof(PageableOperationsUseNextLink)] = PageableOperationsUseNextLink,
            [nameof(DynamicValuesTargetInternalLookups)] = DynamicValuesTargetInternalLookups,
            [nameof(WebhookTriggersFollowTheNotificationContract)] = WebhookTriggersFollowTheNotificationContract,
            [nameof(WebhookTriggersHaveAnInternalDelete)] = WebhookTriggersHaveAnInternalDelete,
            [nameof(PollingTriggerUsesThePolicyTemplate)] = PollingTriggerUsesThePolicyTemplate,
            [nameof(SecurityIsOneSchemeOfTheVariant)] = SecurityIsOneSchemeOfTheVariant,
            [nameof(ApiPropertiesAreComplete)] = ApiPropertiesAreComplete,
            [nameof(ServerUrlIsAppliedWithDynamicHostUrl)] = ServerUrlIsAppliedWithDynamicHostUrl,
        };

    public static IReadOnlyList<string> SwaggerIsVersion2UnderOneMegabyte(ConnectorPackage p)
    {
        var errors = new List<string>();
        if (p.Definition["swagger"]?.GetValue<string>() != "2.0")
        {
            errors.Add("swagger must be \"2.0\".");
        }

        if (p.Definition.ContainsKey("openapi"))
        {
            errors.Add("an OpenAPI 3 document is not accepted.");
        }

        var size = Encoding.UTF8.GetByteCount(ConnectorFiles.Serialize(p.Definition));
        if (size >= MaxDefinitionBytes)
        {
            errors.Add($"the definition is {size} bytes, at least 1 MB.");
        }

        return errors;
    }

    public static IReadOnlyList<string> TitleIsShortWithoutForbiddenWords(ConnectorPackage p)
    {
        var errors = new List<string>();
        var title = p.Definition["info"]?["title"]?.GetValue<string>() ?? string.Empty;
        if (title.Length is 0 or > 30)
        {
            errors.Add($"info.title '{title}' must have 1 to 30 characters.");
        }

        foreach (var word in ForbiddenTitleWords)
        {
            if (Regex.IsMatch(title, $@"\b{Regex.Escape(word)}\b", RegexOptions.IgnoreCase))
            {
                errors.Add($"info.title '{title}' contains '{word}'.");
            }
        }

        if (title.Length > 0 && !char.IsLetterOrDigit(title[^1]))
        {
            errors.Add($"info.title '{title}' must end with a letter or a digit.");
        }

        return errors;
    }

    public static IReadOnlyList<string> DescriptionHasAllowedLength(ConnectorPackage p)
    {
        var description = p.Definition["info"]?["description"]?.GetValue<string>() ?? string.Empty;
        return description.Length is < 30 or > 500
            ? [$"info.description has {description.Length} characters; 30 to 500 are allowed."]
            : [];
    }

    public static IReadOnlyList<string> ContactIsComplete(ConnectorPackage p)
    {
        var errors = new List<string>();
        var contact = p.Definition["info"]?["contact"];
        if (string.IsNullOrWhiteSpace(contact?["name"]?.GetValue<string>()))
        {
            errors.Add("info.contact.name is missing.");
        }

        if (!Uri.TryCreate(contact?["url"]?.GetValue<string>(), UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps)
        {
            errors.Add("info.contact.url must be an absolute https URL.");
        }

        if (!System.Net.Mail.MailAddress.TryCreate(contact?["email"]?.GetValue<string>(), out _))
        {
            errors.Add("info.contact.email must be an e-mail address.");
        }

        return errors;
    }

    public static IReadOnlyList<string> ConnectorMetadataIsComplete(ConnectorPackage p)
    {
        var errors = new List<string>();
        var entries = (p.Definition["x-ms-connector-metadata"] as JsonArray ?? [])
            .Select(e => (Name: e?["propertyName"]?.GetValue<string>(), Value: e?["propertyValue"]?.GetValue<string>()))
            .ToList();
        foreach (var name in new[] { "Website", "Privacy policy", "Categories" })
        {
            var value = entries.FirstOrDefault(e => e.Name == name).Value;
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add($"x-ms-connector-metadata has no '{name}'.");
                continue;
            }

            if (name != "Categories" && !(Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps))
            {
                errors.Add($"x-ms-connector-metadata '{name}' must be an absolute https URL.");
            }

            if (name == "Categories")
            {
                var categories = value.Split(';');
                if (categories.Length > 2)
                {
                    errors.Add($"at most 2 categories are allowed, not {categories.Length}.");
                }

                errors.AddRange(categories.Where(c => !AllowedCategories.Contains(c, StringComparer.Ordinal)).Select(c => $"unknown category '{c}'."));
            }
        }

        return errors;
    }

    public static IReadOnlyList<string> HostAndBasePathAreWellFormed(ConnectorPackage p)
    {
        var errors = new List<string>();
        var host = p.Definition["host"]?.GetValue<string>() ?? string.Empty;
        if (!HostPattern().IsMatch(host) || Uri.CheckHostName(host.Split(':')[0]) == UriHostNameType.Unknown)
        {
            errors.Add($"host '{host}' must be a host name (and port) without scheme or path.");
        }

        var basePath = p.Definition["basePath"]?.GetValue<string>() ?? string.Empty;
        if (!basePath.StartsWith('/'))
        {
            errors.Add($"basePath '{basePath}' must start with '/'.");
        }

        return errors;
    }

    public static IReadOnlyList<string> OperationIdsArePascalCaseAndUnique(ConnectorPackage p)
    {
        var errors = new List<string>();
        var ids = p.Operations.Select(o => o.OperationId).ToList();
        errors.AddRange(p.Operations.Where(o => !PascalCase().IsMatch(o.OperationId)).Select(o => $"{o.Name}: operationId must be PascalCase letters and digits."));
        errors.AddRange(ids.GroupBy(i => i, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"operationId '{g.Key}' is used {g.Count()} times."));
        return errors;
    }

    public static IReadOnlyList<string> SummariesAreSentenceCase(ConnectorPackage p)
    {
        var errors = new List<string>();
        foreach (var operation in p.Operations)
        {
            var summary = operation.Operation["summary"]?.GetValue<string>() ?? string.Empty;
            if (summary.Length is 0 or > 80)
            {
                errors.Add($"{operation.Name}: summary must have 1 to 80 characters.");
                continue;
            }

            if (!SummaryCharacters().IsMatch(summary) || summary != summary.Trim() || summary.Contains("  ", StringComparison.Ordinal))
            {
                errors.Add($"{operation.Name}: summary '{summary}' may hold only letters, digits, single spaces and parentheses.");
            }

            if (!char.IsUpper(summary[0]))
            {
                errors.Add($"{operation.Name}: summary '{summary}' must start with a capital.");
            }

            var words = summary.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(w => w.Trim('(', ')'));
            var capitalised = words.Where(w => w.Length > 0 && char.IsUpper(w[0]) && !ProperWords.Contains(w) && !(w.Length > 1 && w.All(char.IsUpper))).ToList();
            if (capitalised.Count > 0)
            {
                errors.Add($"{operation.Name}: summary '{summary}' must be in sentence case ({string.Join(", ", capitalised)}).");
            }

            if (operation.IsTrigger && !TriggerSummary().IsMatch(summary))
            {
                errors.Add($"{operation.Name}: a trigger summary must read 'When a …', 'When an …' or 'When the …'.");
            }
        }

        return errors;
    }

    public static IReadOnlyList<string> DescriptionsAreFullSentences(ConnectorPackage p)
    {
        var errors = new List<string>();
        foreach (var operation in p.Operations)
        {
            var summary = operation.Operation["summary"]?.GetValue<string>() ?? string.Empty;
            var description = operation.Operation["description"]?.GetValue<string>() ?? string.Empty;
            if (!IsSentence(description))
            {
                errors.Add($"{operation.Name}: description '{description}' must be a full sentence starting with a capital and ending with punctuation.");
            }

            if (string.Equals(description.TrimEnd('.', '!', '?'), summary, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add($"{operation.Name}: description must say more than the summary.");
            }
        }

        return errors;
    }

    public static IReadOnlyList<string> ParametersHaveTitleCaseSummaries(ConnectorPackage p)
    {
        var errors = new List<string>();
        foreach (var operation in p.Operations)
        {
            foreach (var parameter in operation.Parameters)
            {
                var name = parameter["name"]?.GetValue<string>();
                if (parameter["in"]?.GetValue<string>() != "body" && IsVisible(parameter))
                {
                    CheckField(errors, $"{operation.Name} parameter '{name}'", parameter);
                }
            }

            foreach (var (path, _, property) in SchemaWalk.Properties(operation.BodySchema, "body"))
            {
                if (IsVisible(property))
                {
                    CheckField(errors, $"{operation.Name} {path}", property);
                }
            }
        }

        return errors;
    }

    public static IReadOnlyList<string> ResponsePropertiesHaveTitleCaseSummaries(ConnectorPackage p)
    {
        var errors = new List<string>();
        foreach (var operation in p.Operations)
        {
            foreach (var (code, response) in operation.Operation["responses"]?.AsObject() ?? [])
            {
                foreach (var (path, _, property) in SchemaWalk.Properties(response?["schema"] as JsonObject, code))
                {
                    if (IsVisible(property))
                    {
                        CheckField(errors, $"{operation.Name} response {path}", property);
                    }
                }
            }

            if (operation.IsWebhookTrigger)
            {
                foreach (var (path, _, property) in SchemaWalk.Properties(operation.PathItem["x-ms-notification-content"]?["schema"] as JsonObject, "notification"))
                {
                    CheckField(errors, $"{operation.Name} {path}", property);
                }
            }
        }

        return errors;
    }

    public static IReadOnlyList<string> VisibilityIsValidAndInternalRequiredHaveDefaults(ConnectorPackage p)
    {
        var errors = new List<string>();
        string[] allowed = ["important", "advanced", "internal"];
        foreach (var operation in p.Operations)
        {
            if (operation.Visibility is { } v && !allowed.Contains(v, StringComparer.Ordinal))
            {
                errors.Add($"{operation.Name}: x-ms-visibility '{v}' is not important, advanced or internal.");
            }

            foreach (var parameter in operation.Parameters)
            {
                var name = parameter["name"]?.GetValue<string>();
                var visibility = parameter["x-ms-visibility"]?.GetValue<string>();
                if (visibility is not null && !allowed.Contains(visibility, StringComparer.Ordinal))
                {
                    errors.Add($"{operation.Name} parameter '{name}': x-ms-visibility '{visibility}' is not valid.");
                }

                var isBody = parameter["in"]?.GetValue<string>() == "body";
                if (!isBody && visibility == "internal" && parameter["required"]?.GetValue<bool>() == true && parameter["default"] is null)
                {
                    errors.Add($"{operation.Name} parameter '{name}' is internal and required but has no default.");
                }
            }

            var body = operation.BodySchema;
            foreach (var (path, name, property) in SchemaWalk.Properties(body, "body"))
            {
                var visibility = property["x-ms-visibility"]?.GetValue<string>();
                if (visibility is not null && !allowed.Contains(visibility, StringComparer.Ordinal))
                {
                    errors.Add($"{operation.Name} {path}: x-ms-visibility '{visibility}' is not valid.");
                }

                var parent = SchemaWalk.Resolve(body, string.Join('/', path.Split('.').Skip(1).SkipLast(1)));
                var required = parent?["required"] is JsonArray list && list.Any(n => n?.GetValue<string>() == name);
                if (visibility == "internal" && required && property["default"] is null && property["x-ms-notification-url"]?.GetValue<bool>() != true)
                {
                    errors.Add($"{operation.Name} {path} is internal and required but has no default.");
                }
            }
        }

        return errors;
    }

    public static IReadOnlyList<string> PathParametersAreRequiredAndSingleEncoded(ConnectorPackage p)
    {
        var errors = new List<string>();
        foreach (var operation in p.Operations)
        {
            var declared = operation.Parameters.Where(x => x["in"]?.GetValue<string>() == "path").ToList();
            foreach (var parameter in declared)
            {
                var name = parameter["name"]?.GetValue<string>();
                if (parameter["required"]?.GetValue<bool>() != true)
                {
                    errors.Add($"{operation.Name} path parameter '{name}' must be required.");
                }

                if (parameter["x-ms-url-encoding"]?.GetValue<string>() != "single")
                {
                    errors.Add($"{operation.Name} path parameter '{name}' must have x-ms-url-encoding: single.");
                }
            }

            foreach (Match match in PathTemplate().Matches(operation.Path))
            {
                if (!declared.Any(x => x["name"]?.GetValue<string>() == match.Groups[1].Value))
                {
                    errors.Add($"{operation.Name}: {{{match.Groups[1].Value}}} is not declared as a path parameter.");
                }
            }
        }

        return errors;
    }

    public static IReadOnlyList<string> GetOperationsHaveNoBody(ConnectorPackage p) =>
        p.Operations
            .Where(o => o.Method is "get" or "delete" && (o.Parameters.Any(x => x["in"]?.GetValue<string>() is "body" or "formData") || o.Operation["consumes"] is not null))
            .Select(o => $"{o.Name}: a {o.Method.ToUpperInvariant()} operation has no body.")
            .ToList();

    public static IReadOnlyList<string> MimeTypesAreSupported(ConnectorPackage p)
    {
        var errors = new List<string>();
        IEnumerable<(string Where, JsonNode? List)> lists =
        [
            ("document consumes", p.Definition["consumes"]),
            ("document produces", p.Definition["produces"]),
            .. p.Operations.SelectMany(o => new[] { (o.Name + " consumes", o.Operation["consumes"]), (o.Name + " produces", o.Operation["produces"]) }),
        ];
        foreach (var (where, list) in lists)
        {
            foreach (var type in (list as JsonArray ?? []).Select(t => t?.GetValue<string>()))
            {
                if (!AllowedMimeTypes.Contains(type, StringComparer.Ordinal))
                {
                    errors.Add($"{where}: MIME type '{type}' is not supported.");
                }
            }
        }

        return errors;
    }

    public static IReadOnlyList<string> SuccessResponsesHaveExactSchemas(ConnectorPackage p)
    {
        var errors = new List<string>();
        foreach (var operation in p.Operations)
        {
            var responses = operation.Operation["responses"]?.AsObject() ?? [];
            var success = responses.Where(r => r.Key is "200" or "201" or "202" or "204").ToList();
            if (success.Count == 0)
            {
                errors.Add($"{operation.Name}: no success response.");
            }

            foreach (var (code, response) in success.Where(r => r.Key is "200" or "201"))
            {
                var schema = response?["schema"] as JsonObject;
                var dynamic = schema?["x-ms-dynamic-schema"] is not null;
                if (schema is null || (!dynamic && schema["type"] is null) || (schema["type"]?.GetValue<string>() == "object" && !dynamic && (schema["properties"]?.AsObject().Count ?? 0) == 0))
                {
                    errors.Add($"{operation.Name}: response {code} needs an exact, non-empty schema.");
                }
            }
        }

        return errors;
    }

    public static IReadOnlyList<string> DefaultResponsesHaveNoSchema(ConnectorPackage p) =>
        p.Operations
            .Where(o => o.Operation["responses"]?["default"] is JsonObject d && d.ContainsKey("schema"))
            .Select(o => $"{o.Name}: the default response must have no schema.")
            .ToList();

    public static IReadOnlyList<string> PageableOperationsUseNextLink(ConnectorPackage p)
    {
        var errors = new List<string>();
        foreach (var operation in p.Operations.Where(o => o.Operation["x-ms-pageable"] is not null))
        {
            var name = operation.Operation["x-ms-pageable"]?["nextLinkName"]?.GetValue<string>();
            if (name is not ("nextLink" or "@odata.nextLink"))
            {
                errors.Add($"{operation.Name}: x-ms-pageable nextLinkName must be nextLink or @odata.nextLink.");
                continue;
            }

            if (SchemaWalk.SuccessSchema(operation.Operation)?["properties"]?[name] is null)
            {
                errors.Add($"{operation.Name}: the response has no '{name}' property.");
            }
        }

        return errors;
    }

    public static IReadOnlyList<string> DynamicValuesTargetInternalLookups(ConnectorPackage p)
    {
        var errors = new List<string>();
        var byId = p.Operations.ToDictionary(o => o.OperationId, StringComparer.Ordinal);
        foreach (var operation in p.Operations)
        {
            IEnumerable<(string Where, JsonObject Field)> fields =
            [
                .. operation.Parameters.Select(x => ($"parameter '{x["name"]}'", x)),
                .. SchemaWalk.Properties(operation.BodySchema, "body").Select(x => (x.Path, x.Property)),
            ];
            foreach (var (where, field) in fields)
            {
                var values = field["x-ms-dynamic-values"] as JsonObject;
                var list = field["x-ms-dynamic-list"] as JsonObject;
                if (values is null && list is null)
                {
                    continue;
                }

                var at = $"{operation.Name} {where}";
                if (values is null || list is null)
                {
                    errors.Add($"{at}: x-ms-dynamic-values and x-ms-dynamic-list go together.");
                    continue;
                }

                var targetId = values["operationId"]?.GetValue<string>() ?? string.Empty;
                if (list["operationId"]?.GetValue<string>() != targetId)
                {
                    errors.Add($"{at}: x-ms-dynamic-values and x-ms-dynamic-list call different operations.");
                }

                if (!byId.TryGetValue(targetId, out var target))
                {
                    errors.Add($"{at}: the lookup operation '{targetId}' does not exist.");
                    continue;
                }

                if (target.Visibility != "internal")
                {
                    errors.Add($"{at}: the lookup operation '{targetId}' must be internal.");
                }

                if (target.Method != "get")
                {
                    errors.Add($"{at}: the lookup operation '{targetId}' must be a GET.");
                }

                var required = target.Parameters.Where(x => x["required"]?.GetValue<bool>() == true && x["default"] is null)
                    .Select(x => x["name"]!.GetValue<string>())
                    .Where(n => values["parameters"]?[n] is null);
                errors.AddRange(required.Select(n => $"{at}: the lookup '{targetId}' needs parameter '{n}'."));

                var response = SchemaWalk.SuccessSchema(target.Operation);
                CheckCollection(errors, at, targetId, response,
                    values["value-collection"]?.GetValue<string>(), values["value-path"]?.GetValue<string>(), values["value-title"]?.GetValue<string>());
                CheckCollection(errors, at, targetId, response,
                    list["itemsPath"]?.GetValue<string>(), list["itemValuePath"]?.GetValue<string>(), list["itemTitlePath"]?.GetValue<string>());
            }
        }

        return errors;
    }

    public static IReadOnlyList<string> WebhookTriggersFollowTheNotificationContract(ConnectorPackage p)
    {
        var errors = new List<string>();
        foreach (var operation in p.Operations.Where(o => o.IsTrigger && !o.IsPollingTrigger))
        {
            var at = operation.Name;
            if (operation.Method != "post")
            {
                errors.Add($"{at}: a webhook trigger is a POST.");
            }

            if (operation.Operation["x-ms-trigger"]?.GetValue<string>() is not ("single" or "batch"))
            {
                errors.Add($"{at}: x-ms-trigger must be single or batch.");
            }

            if (string.IsNullOrWhiteSpace(operation.Operation["x-ms-trigger-hint"]?.GetValue<string>()))
            {
                errors.Add($"{at}: x-ms-trigger-hint is missing.");
            }

            var body = operation.Parameters.FirstOrDefault(x => x["in"]?.GetValue<string>() == "body");
            var urls = SchemaWalk.Properties(body?["schema"] as JsonObject, "body").Where(x => x.Property["x-ms-notification-url"]?.GetValue<bool>() == true).ToList();
            if (body is null || urls.Count != 1)
            {
                errors.Add($"{at}: the body must have exactly one property with x-ms-notification-url: true.");
            }
            else
            {
                var (path, name, property) = urls[0];
                if (property["x-ms-visibility"]?.GetValue<string>() != "internal")
                {
                    errors.Add($"{at} {path}: the notification URL must be internal.");
                }

                if (body["required"]?.GetValue<bool>() != true)
                {
                    errors.Add($"{at}: the body holding the notification URL must be required.");
                }

                // Required all the way up: each object on the way to the property lists the next step as required.
                var segments = path.Split('.').Skip(1).ToArray();
                var current = body["schema"] as JsonObject;
                foreach (var segment in segments)
                {
                    if (current?["required"] is not JsonArray list || !list.Any(n => n?.GetValue<string>() == segment))
                    {
                        errors.Add($"{at}: '{segment}' must be required on the way to the notification URL.");
                    }

                    current = current?["properties"]?[segment] as JsonObject;
                }

                _ = name;
            }

            if (operation.PathItem["x-ms-notification-content"]?["schema"] is not JsonObject content || content.Count == 0)
            {
                errors.Add($"{at}: the path item must carry x-ms-notification-content with the payload schema.");
            }

            var created = operation.Operation["responses"]?["201"];
            if (created is null)
            {
                errors.Add($"{at}: subscribing must answer 201.");
            }
            else if (created["headers"]?["Location"] is null)
            {
                errors.Add($"{at}: the 201 response must declare the Location header.");
            }
        }

        return errors;
    }

    public static IReadOnlyList<string> WebhookTriggersHaveAnInternalDelete(ConnectorPackage p)
    {
        var webhooks = p.Operations.Where(o => o.IsTrigger && !o.IsPollingTrigger).ToList();
        if (webhooks.Count == 0)
        {
            return [];
        }

        var deletes = p.Operations.Where(o => o.Method == "delete").ToList();
        if (deletes.Count == 0)
        {
            return ["webhook triggers need a DELETE operation for Power Automate to remove the subscription."];
        }

        return deletes.Where(d => d.Visibility != "internal").Select(d => $"{d.Name}: the webhook DELETE must be internal.").ToList();
    }

    public static IReadOnlyList<string> PollingTriggerUsesThePolicyTemplate(ConnectorPackage p)
    {
        var errors = new List<string>();
        var templates = p.PolicyTemplates.Where(t => t["templateId"]?.GetValue<string>()?.Equals("pollingtrigger", StringComparison.OrdinalIgnoreCase) == true).ToList();
        foreach (var operation in p.Operations.Where(o => o.IsPollingTrigger))
        {
            var at = operation.Name;
            if (operation.Method != "get")
            {
                errors.Add($"{at}: a polling trigger is a GET.");
            }

            if (operation.Operation["x-ms-trigger"]?.GetValue<string>() != "batch")
            {
                errors.Add($"{at}: a polling trigger has x-ms-trigger: batch.");
            }

            if (operation.Operation["x-ms-trigger-metadata"]?["kind"]?.GetValue<string>() != "query")
            {
                errors.Add($"{at}: x-ms-trigger-metadata must be {{kind: query, mode: polling}}.");
            }

            var template = templates.FirstOrDefault(t => t["parameters"]?["x-ms-apimTemplate-operationName"] is JsonArray names
                && names.Any(n => n?.GetValue<string>() == operation.OperationId));
            if (template is null)
            {
                errors.Add($"{at}: no pollingtrigger policy template names this operation.");
                continue;
            }

            var config = template["parameters"]?["x-ms-apimTemplateParameter.triggerConfig"] as JsonObject ?? [];
            foreach (var (name, _) in config.Where(c => !c.Key.StartsWith("x-ms-", StringComparison.Ordinal)))
            {
                var parameter = operation.Parameters.FirstOrDefault(x => x["name"]?.GetValue<string>() == name && x["in"]?.GetValue<string>() == "query");
                if (parameter is null)
                {
                    errors.Add($"{at}: the policy fills '{name}', which is not a query parameter.");
                }
                else if (parameter["x-ms-visibility"]?.GetValue<string>() != "internal")
                {
                    errors.Add($"{at}: '{name}', filled by the policy, must be internal.");
                }
            }

            if (config.Count(c => !c.Key.StartsWith("x-ms-", StringComparison.Ordinal)) == 0)
            {
                errors.Add($"{at}: the policy's triggerConfig fills no query parameter.");
            }

            var dataPath = template["parameters"]?["x-ms-apimTemplateParameter.triggerDataPath"]?.GetValue<string>() ?? string.Empty;
            var match = DataPath().Match(dataPath);
            var items = match.Success ? SchemaWalk.SuccessSchema(operation.Operation)?["properties"]?[match.Groups[1].Value] : null;
            if (items?["type"]?.GetValue<string>() != "array")
            {
                errors.Add($"{at}: triggerDataPath '{dataPath}' must point at an array of the response.");
            }
        }

        return errors;
    }

    public static IReadOnlyList<string> SecurityIsOneSchemeOfTheVariant(ConnectorPackage p)
    {
        var errors = new List<string>();
        var schemes = p.Definition["securityDefinitions"]?.AsObject() ?? [];
        if (schemes.Count != 1)
        {
            errors.Add($"securityDefinitions must hold exactly one scheme, not {schemes.Count}: an API-key variant is a second connector, not a mix.");
            return errors;
        }

        var scheme = schemes.First().Value!;
        var parameters = p.ConnectionParameters;
        if (p.Variant == ConnectorVariant.EntraId)
        {
            if (scheme["type"]?.GetValue<string>() != "oauth2" || scheme["flow"]?.GetValue<string>() != "accessCode"
                || scheme["authorizationUrl"]?.GetValue<string>() != "https://login.windows.net/common/oauth2/authorize"
                || scheme["tokenUrl"]?.GetValue<string>() != "https://login.windows.net/common/oauth2/authorize"
                || scheme["scopes"] is not JsonObject)
            {
                errors.Add("the Entra ID connector's scheme must be oauth2, accessCode, with the login.windows.net authorize URLs and scopes {}.");
            }

            var settings = parameters["token"]?["oAuthSettings"];
            if (parameters["token"]?["type"]?.GetValue<string>() != "oauthSetting" || settings?["identityProvider"]?.GetValue<string>() != "aad")
            {
                errors.Add("connectionParameters.token must be an oauthSetting with identityProvider aad.");
            }

            if (settings?["redirectUrl"]?.GetValue<string>() != ApiPropertiesGenerator.RedirectUrl)
            {
                errors.Add($"the OAuth redirect URL must be {ApiPropertiesGenerator.RedirectUrl}.");
            }

            if (string.IsNullOrWhiteSpace(settings?["customParameters"]?["resourceUri"]?["value"]?.GetValue<string>()))
            {
                errors.Add("the OAuth settings must name the API's resource URI.");
            }

            if (parameters.Any(x => x.Value?["type"]?.GetValue<string>() == "securestring"))
            {
                errors.Add("the Entra ID connector must not ask for an API key too.");
            }
        }
        else
        {
            if (scheme["type"]?.GetValue<string>() != "apiKey" || scheme["in"]?.GetValue<string>() != "header" || scheme["name"]?.GetValue<string>() != "X-Api-Key")
            {
                errors.Add("the API-key connector's scheme must be apiKey in the X-Api-Key header.");
            }

            if (parameters["api_key"]?["type"]?.GetValue<string>() != "securestring")
            {
                errors.Add("connectionParameters.api_key must be a securestring.");
            }

            if (parameters.Any(x => x.Value?["type"]?.GetValue<string>() == "oauthSetting"))
            {
                errors.Add("the API-key connector must not hold OAuth settings too.");
            }
        }

        var name = schemes.First().Key;
        var security = p.Definition["security"] as JsonArray ?? [];
        if (security.Count > 0 && security.Any(s => s is JsonObject o && o.Any(k => k.Key != name)))
        {
            errors.Add("security requirements must name the connector's only scheme.");
        }

        errors.AddRange(p.Operations.Where(o => o.Operation["security"] is JsonArray list && list.Any(s => s is JsonObject obj && obj.Any(k => k.Key != name)))
            .Select(o => $"{o.Name}: its security names a scheme the connector does not define."));
        return errors;
    }

    public static IReadOnlyList<string> ApiPropertiesAreComplete(ConnectorPackage p)
    {
        var errors = new List<string>();
        var properties = p.Properties["properties"];
        var color = properties?["iconBrandColor"]?.GetValue<string>() ?? string.Empty;
        if (!HexColor().IsMatch(color) || color.Equals("#ffffff", StringComparison.OrdinalIgnoreCase) || color.Equals("#007ee5", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"iconBrandColor '{color}' must be a #rrggbb colour other than #ffffff and #007ee5.");
        }

        foreach (var name in new[] { "publisher", "stackOwner" })
        {
            if (string.IsNullOrWhiteSpace(properties?[name]?.GetValue<string>()))
            {
                errors.Add($"properties.{name} is missing.");
            }
        }

        var capabilities = (properties?["capabilities"] as JsonArray ?? []).Select(c => c?.GetValue<string>()).ToList();
        if (p.Operations.Any(o => !o.IsTrigger && o.Visibility != "internal") && !capabilities.Contains("actions"))
        {
            errors.Add("capabilities must list actions.");
        }

        if (p.Operations.Any(o => o.IsTrigger) && !capabilities.Contains("triggers"))
        {
            errors.Add("capabilities must list triggers.");
        }

        if (p.ConnectionParameters.Count == 0)
        {
            errors.Add("connectionParameters is empty.");
        }

        return errors;
    }

    public static IReadOnlyList<string> ServerUrlIsAppliedWithDynamicHostUrl(ConnectorPackage p)
    {
        var errors = new List<string>();
        var parameter = p.ConnectionParameters[ConnectorCatalog.ServerUrlParameter];
        if (parameter?["type"]?.GetValue<string>() != "string" || parameter["uiDefinition"]?["constraints"]?["required"]?.GetValue<string>() != "true")
        {
            errors.Add($"connectionParameters.{ConnectorCatalog.ServerUrlParameter} must be a required string.");
        }

        var template = p.PolicyTemplates.FirstOrDefault(t => t["templateId"]?.GetValue<string>()?.Equals("dynamichosturl", StringComparison.OrdinalIgnoreCase) == true);
        var url = template?["parameters"]?["x-ms-apimTemplateParameter.urlTemplate"]?.GetValue<string>() ?? string.Empty;
        if (!url.Contains($"@connectionParameters('{ConnectorCatalog.ServerUrlParameter}')", StringComparison.Ordinal))
        {
            errors.Add($"a dynamichosturl policy template must build the URL from @connectionParameters('{ConnectorCatalog.ServerUrlParameter}').");
        }

        if (template?["parameters"]?["x-ms-apimTemplate-operationName"] is JsonArray)
        {
            errors.Add("the dynamichosturl policy must apply to every operation.");
        }

        return errors;
    }

    public static bool IsTitleCase(string text)
    {
        if (text.Length is 0 or > 80 || text != text.Trim())
        {
            return false;
        }

        var words = text.Split(' ');
        return words.All(w => w.Length > 0) && words.Select((w, i) => (Word: w.TrimStart('('), Index: i)).All(x =>
            x.Word.Length > 0 && (char.IsUpper(x.Word[0]) || char.IsDigit(x.Word[0]) || (x.Index > 0 && MinorWords.Contains(x.Word))));
    }

    public static bool IsSentence(string text) =>
        text.Length >= 10 && char.IsUpper(text[0]) && text[^1] is '.' or '!' or '?' && text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 3;

    private static bool IsVisible(JsonObject field) => field["x-ms-visibility"]?.GetValue<string>() != "internal";

    private static void CheckField(List<string> errors, string where, JsonObject field)
    {
        var summary = field["x-ms-summary"]?.GetValue<string>();
        if (summary is null)
        {
            errors.Add($"{where}: x-ms-summary is missing.");
        }
        else if (!IsTitleCase(summary))
        {
            errors.Add($"{where}: x-ms-summary '{summary}' must be Title Case, at most 80 characters.");
        }

        if (string.IsNullOrWhiteSpace(field["description"]?.GetValue<string>()))
        {
            errors.Add($"{where}: description is missing.");
        }
    }

    private static void CheckCollection(List<string> errors, string at, string targetId, JsonObject? response, string? collection, string? valuePath, string? titlePath)
    {
        if (collection is null || valuePath is null || titlePath is null)
        {
            errors.Add($"{at}: the drop-down paths are incomplete.");
            return;
        }

        var array = SchemaWalk.Resolve(response, collection);
        if (array?["type"]?.GetValue<string>() != "array" || array["items"] is not JsonObject item)
        {
            errors.Add($"{at}: '{collection}' is not an array in the response of '{targetId}'.");
            return;
        }

        foreach (var path in new[] { valuePath, titlePath })
        {
            if (SchemaWalk.Resolve(item, path) is null)
            {
                errors.Add($"{at}: the items of '{targetId}' have no '{path}'.");
            }
        }
    }

    [GeneratedRegex(@"^[^{}/ :\\]+(?::\d+)?$")]
    private static partial Regex HostPattern();

    [GeneratedRegex("^[A-Z][A-Za-z0-9]*$")]
    private static partial Regex PascalCase();

    [GeneratedRegex("^[A-Za-z0-9 ()]+$")]
    private static partial Regex SummaryCharacters();

    [GeneratedRegex("^When (a|an|the) ")]
    private static partial Regex TriggerSummary();

    [GeneratedRegex(@"\{([^}]+)\}")]
    private static partial Regex PathTemplate();

    [GeneratedRegex(@"^@triggerBody\(\)\??\.?\[?'?([A-Za-z0-9_]+)'?\]?$")]
    private static partial Regex DataPath();

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex HexColor();
}
