"""What extraction carries between paragraphs and sentences, and a number waiting to be a figure."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from extractors.figures.classify import Reading
from extractors.figures.events import Event
from extractors.figures.periods import Period
from extractors.figures.regions import RegionMention
from extractors.model import Figure


@dataclass
class Candidate:
    """A number read as a figure of an indicator, waiting for its region and period."""

    indicator: str
    reading: Reading
    start: int  # offsets relative to the sentence
    end: int
    scope: str
    gate: str | None
    estimate: bool
    national: bool = False  # GDP: the country, whatever place the paragraph names
    region_override: RegionMention | None = None  # a region named in a "lần lượt" list
    carried: bool = False
    scope_named: bool = False  # the scope was named in this sentence, not carried
    compared_at: int = -1  # where "cao hơn / thấp hơn / so với" stands before a compared number


@dataclass
class Context:
    """What an article gives every sentence: publication date, headline region and period."""

    published: date | None
    number_format: str
    head_region: str | None = None
    lead_region: str | None = None
    section_region: str | None = None  # the place the last subheading named ("Hà Nam: 10,39%")
    main_region: str | None = None
    head_period: Period | None = None
    last_period: Period | None = None
    lead_period: Period | None = None  # the period in force after the lead paragraph
    period_after: bool = False  # English word order: a clause names its period at its end
    last_ind: Event | None = None  # the last sentence's main indicator, across paragraphs
    last_figure: Figure | None = None  # what "mức tăng này" (this rate) refers to
    last_total: Figure | None = None  # the last figure of a whole (not a sector's)
    first_year: int | None = None
    topic: str = ""  # "grdp" once GRDP/GDP is being discussed: sector names then count
    topic_national: bool = False
    local_gdp: bool = False  # the headline says "GDP của TPHCM": GDP is the place's GRDP here
    head_index: int | None = None
    seen: set = field(default_factory=set)
    regions: list[RegionMention] = field(default_factory=list)
    region_starts: list[int] = field(default_factory=list)
    last_par: ParState | None = None  # the state the last paragraph of figures ended in
    subject_blocked: bool = False  # English: the last sentence's subject was not a figure's
    year_from: dict[int, str] = field(default_factory=dict)  # id(period) -> how its year is known


@dataclass
class ParState:
    """What a paragraph carries from sentence to sentence."""

    period: Period | None = None
    frame: Period | None = None  # the first period the paragraph names
    region: str | None = None
    year: int | None = None
    ind: Event | None = None  # the indicator in force at the end of the last sentence
    gate: RegionMention | None = None  # the border gate the last sentence's figures were about
    scope: str = "all"
    growth: bool = False

