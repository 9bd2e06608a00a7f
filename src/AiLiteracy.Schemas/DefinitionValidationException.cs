using System.Text;

namespace AiLiteracy.Schemas;

/// <summary>Thrown when definitions that must be valid are not; <see cref="Errors"/> lists every problem.</summary>
public sealed class DefinitionValidationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="errors">The errors found.</param>
    public DefinitionValidationException(IReadOnlyList<DefinitionError> errors)
        : base(BuildMessage(errors))
    {
        Errors = errors;
    }

    /// <summary>The errors found.</summary>
    public IReadOnlyList<DefinitionError> Errors { get; }

    private static string BuildMessage(IReadOnlyList<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var text = new StringBuilder()
            .Append("Les définitions ne sont pas valides / The definitions are not valid (")
            .Append(errors.Count)
            .Append(errors.Count == 1 ? " erreur / error):" : " erreurs / errors):");
        foreach (var error in errors)
        {
            text.AppendLine().Append("  ").Append(error.ToString());
        }

        return text.ToString();
    }
}
