// The web editor (Decap CMS, /admin/): its preview shows a text with the site's own stylesheet, and
// every word of its interface is French. Decap's French catalogue lacks some of its newer strings,
// which it would show in English ("Fill in from another locale"): they are added here, and only
// where the catalogue has none (a later Decap that translates them keeps its own).
window.CMS.registerPreviewStyle("/theme/css/site.css");

const FRENCH_ADDITIONS = {
  auth: { loginWithForgejo: "Se connecter avec Forgejo" },
  collection: {
    collectionTop: { viewAsList: "Afficher en liste", viewAsGrid: "Afficher en grille" },
    entries: { unpublishedHeader: "Entrées non publiées" },
  },
  editor: {
    editorControl: { field: { widgetLabel: "Champ %{widgetLabel}" } },
    editorControlPane: {
      i18n: {
        copyFromLocale: "Copier depuis une autre langue",
        copyFromLocaleConfirm: "Copier le contenu de la langue %{locale} ?\nTout le contenu déjà écrit ici sera remplacé.",
      },
    },
    editorInterface: { toggleNotes: "Afficher ou masquer les notes" },
    editorNotesPane: {
      title: "Notes", emptyState: "Aucune note pour l'instant. Ajoutez la première ci-dessous.",
      addNote: "Ajouter une note", addPlaceholder: "Ajouter une note…", editPlaceholder: "Modifier la note…",
      save: "Enregistrer", cancel: "Annuler", edit: "Modifier", delete: "Supprimer", resolve: "Résoudre",
      unresolve: "Rouvrir", confirmDelete: "Supprimer cette note ?",
      shortcut: "Astuce : Ctrl+Entrée ajoute la note aussitôt",
    },
    editorToolbar: {
      statusInfoTooltipDraft: "L'entrée est un brouillon. Pour la soumettre à la relecture, passez son statut à « En relecture ».",
      statusInfoTooltipInReview: "L'entrée est en relecture ; rien d'autre n'est demandé, mais vous pouvez encore la modifier.",
    },
    editorWidgets: {
      markdown: {
        strikethrough: "Barré",
        toggleMode: { rich: "Passer en mode texte enrichi", markdown: "Passer en mode Markdown" },
      },
      image: { chooseMultiple: "Choisir des images", addMore: "Ajouter des images", removeAll: "Retirer toutes les images" },
      file: { chooseMultiple: "Choisir des fichiers", addMore: "Ajouter des fichiers", removeAll: "Retirer tous les fichiers" },
      datetime: { setToNow: "Mettre %{fieldLabel} à maintenant" },
      object: { expand: "Déplier", collapse: "Replier" },
    },
  },
  mediaLibrary: { mediaLibraryModal: { close: "Fermer" } },
  ui: {
    settingsDropdown: { account: "Options du compte" },
    toast: {
      noteAdded: "Note ajoutée", onFailToAddNote: "La note n'a pas pu être ajoutée : %{details}",
      noteUpdated: "Note modifiée", onFailToUpdateNote: "La note n'a pas pu être modifiée : %{details}",
      noteDeleted: "Note supprimée", onFailToDeleteNote: "La note n'a pas pu être supprimée : %{details}",
      noteResolved: "Note résolue", noteReopened: "Note rouverte",
      onFailToToggleNote: "La note n'a pas pu changer d'état : %{details}",
    },
  },
};

function fillMissing(phrases, additions) {
  for (const [key, value] of Object.entries(additions)) {
    if (typeof value === "object") {
      phrases[key] = phrases[key] || {};
      fillMissing(phrases[key], value);
    } else if (!(key in phrases)) {
      phrases[key] = value;
    }
  }
}

const french = window.CMS.getLocale && window.CMS.getLocale("fr");
if (french) {
  fillMissing(french, FRENCH_ADDITIONS);
  // Left in English by Decap's French catalogue itself.
  if (french.app && french.app.header && french.app.header.media === "Media") french.app.header.media = "Médias";
  // A pattern's message is ours, a whole sentence: Decap's « ne correspond pas au schéma: %{pattern}. »
  // gave « …sans espace.. » and a word an author does not use; a folder name that is no path, in words.
  const widget = french.editor && french.editor.editorControlPane && french.editor.editorControlPane.widget;
  if (widget) {
    widget.regexPattern = "%{fieldLabel} : %{pattern}";
    widget.invalidPath = "« %{path} » ne peut pas être un nom de dossier.";
  }
}
// The text toolbar's « + » menu: Decap's code block component has an English name.
const components = window.CMS.getEditorComponents && window.CMS.getEditorComponents();
const codeBlock = components && components.find((component) => component.type === "code-block");
if (codeBlock && codeBlock.label === "Code Block") codeBlock.label = "Bloc de code";

// The image of a text (the « + » of its toolbar): Decap's own component, in French, asking for the
// text alternative the site requires (the build refuses an image without one, and says so here), and
// without « Insérer depuis une adresse web »: the site shows no image from another site (it makes no
// request elsewhere). The Markdown it writes is Decap's: ![texte alternatif](/media/photo.jpg "titre").
window.CMS.registerEditorComponent({
  id: "image",
  label: "Image",
  fields: [
    { label: "Image", name: "image", widget: "image", choose_url: false, media_library: { allow_multiple: false } },
    { label: "Texte alternatif (obligatoire) : ce que montre l'image, pour qui ne la voit pas", name: "alt" },
    { label: "Titre (facultatif)", name: "title" },
  ],
  pattern: /^!\[([^\]]*)\]\((.*?)(\s"([^"]*)")?\)/,
  fromBlock: (match) => match && { image: match[2], alt: match[1], title: match[4] },
  toBlock: ({ alt, image, title }) =>
    `![${alt || ""}](${image || ""}${title ? ` "${title.replace(/"/g, '\\"')}"` : ""})`,
  toPreview: ({ alt, image, title }, getAsset, fields) => {
    const field = fields && fields.find((f) => f.get("widget") === "image");
    return window.h("img", { src: getAsset(image, field) || "", alt: alt || "", title: title || "" });
  },
});
