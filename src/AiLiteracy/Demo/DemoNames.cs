using System.Globalization;
using System.Text;

namespace AiLiteracy.Demo;

/// <summary>
/// Fictional people: a first name and a last name drawn from lists of common French names, with a unique
/// professional e-mail address <c>prenom.nom@demo.val-de-brume.example</c> (ASCII-folded).
/// </summary>
internal sealed class DemoNames(Random random)
{
    public const string EmailDomain = "demo.val-de-brume.example";

    private static readonly string[] FirstNames =
    [
        "Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Christine", "Sandrine", "Valérie", "Céline", "Stéphanie",
        "Sophie", "Aurélie", "Julie", "Camille", "Émilie", "Laure", "Claire", "Anne", "Hélène", "Virginie",
        "Élodie", "Caroline", "Audrey", "Karine", "Sarah", "Léa", "Manon", "Chloé", "Inès", "Pauline",
        "Fatima", "Amandine", "Mélanie", "Agnès", "Brigitte", "Martine", "Françoise", "Véronique", "Delphine", "Laetitia",
        "Jean", "Philippe", "Michel", "Alain", "Patrick", "Nicolas", "Christophe", "Pierre", "Laurent", "Frédéric",
        "Stéphane", "Éric", "David", "Olivier", "Sébastien", "Thierry", "Julien", "Vincent", "Thomas", "Jérôme",
        "François", "Didier", "Pascal", "Bruno", "Guillaume", "Mathieu", "Romain", "Antoine", "Maxime", "Hugo",
        "Lucas", "Karim", "Mohamed", "Yannick", "Cédric", "Fabrice", "Franck", "Gilles", "Hervé", "Jean-Pierre",
        "Jean-Luc", "Anthony", "Kévin", "Benoît", "Damien", "Arnaud", "Xavier", "Loïc", "Gaël", "Marie-Hélène",
    ];

    private static readonly string[] LastNames =
    [
        "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent",
        "Simon", "Michel", "Lefebvre", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier", "Girard",
        "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent", "Muller", "Lefèvre", "Faure", "André",
        "Mercier", "Blanc", "Guérin", "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier", "Garcia",
        "Perrin", "Robin", "Clément", "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Masson", "Marchand",
        "Duval", "Denis", "Dumont", "Lemaire", "Noël", "Meyer", "Dufour", "Meunier", "Brun", "Blanchard",
        "Giraud", "Joly", "Rivière", "Lucas", "Brunet", "Gaillard", "Barbier", "Arnaud", "Martinez", "Gérard",
        "Roche", "Renard", "Schmitt", "Roy", "Leroux", "Colin", "Vidal", "Caron", "Picard", "Roger",
        "Fabre", "Aubert", "Lemoine", "Renaud", "Dumas", "Lacroix", "Olivier", "Bourgeois", "Benoît", "Rey",
        "Leclerc", "Payet", "Rolland", "Lecomte", "Lopez", "Dupuy", "Guillot", "Hubert", "Berger", "Carpentier",
        "Sanchez", "Dupuis", "Moulin", "Deschamps", "Huet", "Vasseur", "Perez", "Boucher", "Fleury", "Royer",
        "Le Gall", "Da Silva", "Le Roux", "Le Goff", "Ménard", "Prévost", "Lévêque", "Étienne", "Bénard", "Maréchal",
    ];

    private readonly HashSet<string> usedEmails = new(StringComparer.Ordinal);

    /// <summary>Draws a person's name and gives them a unique e-mail address.</summary>
    /// <returns>The display name (« Prénom Nom ») and the e-mail address.</returns>
    public (string DisplayName, string Email) Next()
    {
        var firstName = FirstNames[random.Next(FirstNames.Length)];
        var lastName = LastNames[random.Next(LastNames.Length)];
        return ($"{firstName} {lastName}", UniqueEmail(firstName, lastName));
    }

    /// <summary>Folds a name to the ASCII form used in e-mail addresses: lower case, no accents, spaces as hyphens.</summary>
    /// <param name="name">A first or last name.</param>
    /// <returns>The folded name, e.g. <c>le-gall</c> for « Le Gall » or <c>helene</c> for « Hélène ».</returns>
    public static string Fold(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            switch (CharUnicodeInfo.GetUnicodeCategory(c))
            {
                case UnicodeCategory.NonSpacingMark:
                    break;
                case UnicodeCategory.SpaceSeparator:
                    builder.Append('-');
                    break;
                default:
                    builder.Append(c switch
                    {
                        'œ' or 'Œ' => "oe",
                        'æ' or 'Æ' => "ae",
                        '\'' or '’' => "",
                        _ => char.ToLowerInvariant(c).ToString(),
                    });
                    break;
            }
        }

        return builder.ToString();
    }

    private string UniqueEmail(string firstName, string lastName)
    {
        var localPart = $"{Fold(firstName)}.{Fold(lastName)}";
        var candidate = localPart;
        for (var homonym = 2; !usedEmails.Add(candidate); homonym++)
        {
            candidate = $"{localPart}{homonym}";
        }

        return $"{candidate}@{EmailDomain}";
    }
}
