"""Abbreviations and sentence starters per language, as data for the sentence splitter.

Every entry is written without its final period, the way it appears before the period in text:
"e.g" for "e.g.", "Ph.D" for "Ph.D.", and "EE. UU" (parts separated by one space) for "EE. UU.".
Lookups try the exact spelling first, then, for a capitalized word, the lower-cased one, so "Approx."
at the start of a sentence finds "approx".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from functools import cache
from types import MappingProxyType

from simplify.lang import lang_root


class Kind(Enum):
    """How an abbreviation behaves before a period that is followed by a capital letter."""

    # Titles and words that always introduce something ("Dr.", "e.g.", "Fig."): never a sentence end.
    NEVER_ENDS = "never-ends"
    # Words that often end sentences ("etc.", "Inc.", "Jan."): an end before a capital, not before a
    # number ("No. 5", "Jan. 5") or a lower-case word.
    MAY_END = "may-end"
    # Words that precede capitalized names as often as they end sentences ("U.S. Food and Drug
    # Administration" vs "in the U.S. The"): an end only before a typical sentence opener ("The").
    AMBIGUOUS = "ambiguous"


def _set(words: str) -> frozenset[str]:
    """Return the "|"-separated entries of ``words``."""
    return frozenset(words.split("|"))


# Shared by every Latin-script language: Latin and international abbreviations.
_COMMON_NEVER = _set("e.g|i.e|cf|vs|viz|approx|ca|Dr|Prof|a.k.a|ibid|op. cit")
_COMMON_MAY = _set("etc|No|Nos|Inc|Ltd|Co|Corp")
# Degrees end sentences ("said Jane Roe, M.D. The drug"), but also open names ("M.D. Anderson").
# "St." is a saint before a name ("St. Jude") and a street at the end of a sentence ("on Oak St. The").
_COMMON_AMBIGUOUS = _set("al|Jr|St|a.m|p.m|A.M|P.M|Ph.D|M.D")

_EN_NEVER = _set(
    "Mr|Mrs|Ms|Messrs|Mmes|Drs|Profs|Rev|Hon|Gen|Sen|Sens|Rep|Reps|Gov|Lt|Capt|Col|Sgt|Cmdr|Adm|Pres|"
    "Supt|Fr|Mt|v|Fig|Figs|fig|figs|Eq|Eqs|Ref|Refs|p|pp|vol|vols|Vol|Vols|ch|chap|Ch|Chap|"
    "incl|esp|Dept|dept|Univ|Natl|Intl|Assoc|Suppl|suppl|Tab"
)
_EN_MAY = _set(
    "Bros|LLC|ed|eds|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Ave|Blvd|Rd|Hwy|"
    "hr|hrs|mo|mos|yr|yrs|wk|wks|sec|Sec|oz|lb|lbs|sq|tbsp|tsp|est"
)
_EN_AMBIGUOUS = _set(
    "Sr|U.S|U.K|U.N|E.U|D.C|N.Y|L.A|"
    "R.N|M.P.H|D.O|D.D.S|D.M.D|B.S|M.S|B.A|M.A|Pharm.D|M.B.A|M.B.B.S|M.Sc|B.Sc|D.Phil|Dr.P.H|Sc.D|"
    "Ed.D|J.D|N.P|P.A|L.P.N|M.S.N|B.S.N|D.N.P|F.A.C.S|F.A.C.P|M.S.W|L.C.S.W|R.D|Psy.D"
)
# Words that open sentences but rarely follow an initial or "U.S." inside a name.
_EN_STARTERS = _set(
    "The|This|That|These|Those|There|Then|They|Their|Them|It|Its|In|On|At|For|From|With|By|As|But|And|"
    "Or|So|If|When|While|After|Before|During|Although|Though|However|Also|A|An|He|She|We|You|I|Our|My|"
    "His|Her|Most|Many|Some|Several|Each|Every|All|Both|Other|Such|Not|No|Yes|To|Of|Because|Since|"
    "Until|Unless|Even|Only|What|Which|Who|Why|How|Where|Thus|Therefore|Instead|Still|Yet|One|More|"
    "Less|About|Among|Under|Over|Between|Through|Here|Now|Today|Overall|Similarly|Finally|First|"
    "Second|Third|Next|Ask|Call|Talk|Tell|Do|Does|Did|Is|Are|Was|Were|Can|Could|Should|Would|Will|"
    "Might|Must|Have|Has|Had|Your|Please|See|Learn|Read|Find|Use|Take|Researchers|Patients|People|"
    "Doctors|Either|Neither|Whether|Once|Despite|Unlike|Like|Based|According|Further|Moreover|"
    "Meanwhile|Later|Earlier|Last|Recently|Currently|Usually|Often|Sometimes"
)

_EN_LABELS = _set(
    "vitamin|hepatitis|stage|type|grade|group|arm|phase|class|plan|part|section|appendix|schedule|level|"
    "form|category|cohort|step|option|table|figure|box|exhibit|list|tier|zone|influenza|serotype|strain|"
    "letter|pattern|sample|panel|trial|drug|protein|factor|kinase|antigen|isoform|subtype|variant|"
    "component|chapter|region|antibody|immunoglobulin|pretext|posttext"
)

_ES_NEVER = _set(
    "Sr|Sra|Srta|Sres|Sras|Dra|Dres|Dras|Profa|Lic|Ing|Arq|Vd|Vds|Dña|Sto|Sta|Mons|aprox|pág|págs|"
    "p|pp|ej|p. ej|p.ej|vol|fig|cap|art|Av|Avda|Excmo|Excma|Ilmo|Ilma|v. gr"
)
_ES_MAY = _set(
    "núm|Núm|nro|Ud|Uds|EE. UU|EE.UU|S.A|S.L|ene|feb|abr|jun|jul|ago|sep|sept|oct|nov|dic|a. C|d. C|a.C|d.C|Cía"
)
_ES_AMBIGUOUS = _set("a. m|p. m")
_ES_STARTERS = _set(
    "El|La|Los|Las|Lo|Un|Una|Unos|Unas|En|Es|Este|Esta|Estos|Estas|Esto|Ese|Esa|Eso|Por|Para|Con|Sin|"
    "Pero|Y|O|Si|Cuando|Aunque|Según|También|No|Al|Del|De|Se|Su|Sus|Hay|Como|Después|Antes|Durante|"
    "Otro|Otra|Otros|Muchos|Muchas|Algunos|Algunas|Cada|Todo|Todos|Ella|Ellos|Nosotros|Usted|Yo|Le|Les|"
    "Además|Entonces|Así|Luego|Hoy|Ahora|Pregunte|Hable|Llame"
)

_ES_LABELS = _set(
    "vitamina|hepatitis|estadio|etapa|tipo|grado|grupo|fase|parte|clase|nivel|forma|categoría|paso|"
    "opción|tabla|figura|cuadro|anexo|apéndice|sección|capítulo|proteína|factor|subtipo|variante"
)

_FR_NEVER = _set("MM|Mme|Mmes|Mlle|Mlles|Pr|Me|Mgr|Ste|p|pp|ex|p. ex|env|vol|chap|fig|art|av|c.-à-d|c-à-d|resp|cf|éd")
_FR_MAY = _set("janv|févr|avr|juil|sept|oct|nov|déc|Cie|S.A|hab")
_FR_STARTERS = _set(
    "Le|La|Les|L|Un|Une|Des|Il|Elle|Ils|Elles|Nous|Vous|On|Ce|Cette|Ces|Cet|Dans|En|Pour|Par|Avec|"
    "Mais|Et|Ou|Si|Quand|Cependant|Selon|Au|Aux|Du|De|Je|Tu|Son|Sa|Ses|Leur|Leurs|Après|Avant|Pendant|"
    "Bien|Chaque|Tous|Toutes|Plusieurs|Certains|Aussi|Ainsi|Puis|Enfin|Demandez|Parlez"
)

_DE_NEVER = _set(
    "Hr|Hrn|Fr|Frl|z. B|z.B|d. h|d.h|u. a|u.a|s. o|s. u|vgl|Vgl|bzw|evtl|ggf|inkl|insb|Abb|Tab|"
    "Bd|Bsp|geb|gest|sog|zzgl|med|Dipl|Ing|u. ä|u.ä|o. ä|o.ä"
)
_DE_MAY = _set("usw|Nr|Str|Jan|Feb|Apr|Jun|Jul|Aug|Sept|Okt|Nov|Dez|Mio|Mrd|Tsd|Hrsg")
_DE_STARTERS = _set(
    "Der|Die|Das|Den|Dem|Des|Ein|Eine|Einen|Einem|Einer|Es|Er|Sie|Wir|Ich|Ihr|In|Im|Am|Bei|Mit|Für|"
    "Aber|Und|Oder|Wenn|Als|Dies|Diese|Dieser|Dieses|Nach|Vor|Auch|Auf|Aus|Zu|Zum|Zur|Von|Vom|Wie|Was|"
    "Wer|Warum|Dann|Daher|Deshalb|Doch|Jedoch|Man|Nur|Noch|So|Da|Dabei|Dazu|Hier|Heute|Nicht|Kein|"
    "Keine|Alle|Viele|Einige|Fragen|Sprechen"
)

_PT_NEVER = _set("Sr|Sra|Srta|Dra|Profa|ex|p. ex|p.ex|p|pp|pág|págs|aprox|cap|fig|vol|art|Av|cf|vs|Exmo|Exma|V. Exa")
_PT_MAY = _set("Ltda|S.A|jan|fev|abr|mai|jun|jul|ago|set|out|nov|dez")
_PT_STARTERS = _set(
    "O|A|Os|As|Um|Uma|Uns|Umas|Em|No|Na|Nos|Nas|Este|Esta|Estes|Estas|Isso|Isto|Esse|Essa|Por|Para|"
    "Com|Sem|Mas|E|Ou|Se|Quando|Embora|Segundo|Também|Não|Ao|Aos|Do|Da|Dos|Das|De|Ele|Ela|Eles|Elas|"
    "Nós|Você|Vocês|Eu|Há|Como|Depois|Antes|Durante|Outro|Outra|Muitos|Muitas|Alguns|Algumas|Cada|"
    "Todos|Todas|Além|Então|Assim|Hoje|Agora|Pergunte|Fale|Ligue"
)

_IT_NEVER = _set(
    "Dott|Dott.ssa|Sig|Sig.ra|Sig.na|Prof.ssa|Avv|Ing|Egr|Gent|Spett|es|ad es|pag|pagg|p|pp|cfr|vol|cap|fig|art|ca"
)
_IT_MAY = _set("ecc|n|nn|genn|febbr|apr|giu|lug|ago|sett|ott|nov|dic|S.p.A|S.r.l")
_IT_STARTERS = _set(
    "Il|Lo|La|I|Gli|Le|L|Un|Uno|Una|In|Nel|Nella|Nei|Nelle|Questo|Questa|Questi|Queste|Quello|Quella|"
    "Per|Con|Senza|Ma|E|O|Se|Quando|Anche|Secondo|Non|Al|Alla|Ai|Alle|Del|Della|Dei|Delle|Di|Da|Lui|"
    "Lei|Loro|Noi|Voi|Io|Ci|Come|Dopo|Prima|Durante|Altri|Altre|Molti|Molte|Alcuni|Alcune|Ogni|Tutti|"
    "Tutte|Inoltre|Quindi|Così|Oggi|Ora|Chieda|Parli"
)


@dataclass(frozen=True)
class AbbrevTable:
    """The abbreviations of one language and the words that typically open its sentences."""

    never_ends: frozenset[str]
    may_end: frozenset[str]
    ambiguous: frozenset[str]
    starters: frozenset[str]
    # German writes ordinals with a period ("am 3. Oktober"): a short number before a period is then
    # a sentence end only before a typical opener.
    ordinal_period: bool = False
    # Lower-case words that name a thing by a letter ("vitamin D", "stage I"): such a letter is no
    # initial, so a period after it ends the sentence like after any word.
    label_words: frozenset[str] = frozenset()
    # Filled in by __post_init__ from the sets above.
    exact: dict[str, Kind] = field(init=False, repr=False, compare=False)
    folded: dict[str, Kind] = field(init=False, repr=False, compare=False)
    # ("EE", "UU") for "EE. UU.": a period between the parts of a spaced abbreviation is no end.
    pairs: frozenset[tuple[str, str]] = field(init=False, repr=False, compare=False)
    # Last parts of spaced abbreviations ("UU"), looked up together with the part before them.
    last_parts: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        exact: dict[str, Kind] = {}
        folded: dict[str, Kind] = {}
        # A spelling listed under two kinds takes the safer one: never-ends, then may-end.
        for kind, entries in (
            (Kind.AMBIGUOUS, self.ambiguous),
            (Kind.MAY_END, self.may_end),
            (Kind.NEVER_ENDS, self.never_ends),
        ):
            for entry in entries:
                exact[entry] = kind
                folded[entry.lower()] = kind
        pairs: set[tuple[str, str]] = set()
        for entry in exact:
            parts = entry.split(". ")
            pairs.update(zip(parts, parts[1:], strict=False))
        object.__setattr__(self, "exact", exact)
        object.__setattr__(self, "folded", folded)
        object.__setattr__(self, "pairs", frozenset(pairs))
        object.__setattr__(self, "last_parts", frozenset(b for _, b in pairs))

    def kind(self, token: str) -> Kind | None:
        """Return how ``token`` (an abbreviation without its final period) behaves, or None."""
        kind = self.exact.get(token)
        # Fold only capitalized words ("Approx.", "E.g."): "V" (stage V) must not borrow the kind of "v"
        # (versus), nor "rep" (one more rep.) that of "Rep" (Representative).
        if kind is None and len(token) > 1 and token[0].isupper():
            kind = self.folded.get(token.lower())
        return kind


def _table(
    never: Iterable[str],
    may: Iterable[str],
    ambiguous: Iterable[str],
    starters: frozenset[str],
    *,
    ordinal_period: bool = False,
    label_words: frozenset[str] = frozenset(),
) -> AbbrevTable:
    return AbbrevTable(
        never_ends=_COMMON_NEVER | frozenset(never),
        may_end=_COMMON_MAY | frozenset(may),
        ambiguous=_COMMON_AMBIGUOUS | frozenset(ambiguous),
        starters=starters,
        ordinal_period=ordinal_period,
        label_words=label_words,
    )


TABLES: Mapping[str, AbbrevTable] = MappingProxyType(
    {
        "en": _table(_EN_NEVER, _EN_MAY, _EN_AMBIGUOUS, _EN_STARTERS, label_words=_EN_LABELS),
        "es": _table(_ES_NEVER, _ES_MAY, _ES_AMBIGUOUS, _ES_STARTERS, label_words=_ES_LABELS),
        "fr": _table(_FR_NEVER, _FR_MAY, (), _FR_STARTERS),
        "de": _table(_DE_NEVER, _DE_MAY, (), _DE_STARTERS, ordinal_period=True),
        "pt": _table(_PT_NEVER, _PT_MAY, (), _PT_STARTERS),
        "it": _table(_IT_NEVER, _IT_MAY, (), _IT_STARTERS),
    }
)
# Other languages get the shared Latin abbreviations and no openers, so an initial or "U.S." never
# ends a sentence there: a missed end costs less than a name cut in two.
_FALLBACK = _table((), (), (), frozenset())


@cache
def table_for(lang: str) -> AbbrevTable:
    """Return the abbreviation table for ``lang`` ("pt-BR" uses "pt"), or the shared fallback."""
    root = lang_root(lang)
    return TABLES.get(root, _FALLBACK)
