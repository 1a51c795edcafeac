// The client's own texts (the "chrome" around the test) in Dutch and English. The test itself, the
// diagnosis and the advice come from the API; only what the API does not provide lives here.

export const LANGUAGES = ['nl', 'en'];
export const DEFAULT_LANGUAGE = 'nl';

const texts = {
  nl: {
    documentTitle: 'Klantspiegel – zelftest klantgerichtheid',
    skipLink: 'Direct naar de inhoud',
    brand: 'Klantspiegel',
    tagline: 'Zelftest klantgerichtheid',
    languageGroup: 'Taal',
    languageNames: { nl: 'Nederlands', en: 'English' },
    loading: 'De test wordt geladen…',
    noscript: 'Voor deze test is JavaScript nodig.',
    questionsHeading: 'De vragen',
    questionLabel: (n) => `Vraag ${n}`,
    statusSaving: 'Bezig met opslaan…',
    statusSaved: 'Opgeslagen',
    statusError: 'Niet opgeslagen',
    statusMissing: 'Nog niet beantwoord',
    retry: 'Opnieuw proberen',
    networkError: 'Er is geen verbinding met de server. Uw keuze staat nog aangevinkt; probeer het zo opnieuw.',
    serverError: 'Er ging iets mis.',
    problems: {
      'assessment-not-found': 'Deze test is niet gevonden. Controleer de link, of begin een nieuwe test.',
      'assessment-completed': 'Deze test is al afgerond; antwoorden kunnen niet meer worden gewijzigd.',
      'assessment-incomplete': 'Nog niet alle vragen zijn beantwoord.',
      'view-behind': 'Uw antwoord is opgeslagen, maar nog niet zichtbaar. Laad de pagina zo opnieuw.',
      'invalid-input': 'Dit antwoord kan niet worden opgeslagen.',
      'internal-error': 'Er ging iets mis op de server. Probeer het zo opnieuw.',
      'views-catching-up': 'Klantspiegel is net opnieuw gestart en werkt de gegevens nog bij. Probeer het over een paar seconden opnieuw.',
      'too-many-requests': 'Vanaf uw adres zijn zojuist heel veel tests gestart. Probeer het later opnieuw.',
      'concurrent-change': 'Deze test werd op hetzelfde moment ook ergens anders gewijzigd. Probeer het opnieuw.',
      'body-timeout': 'Het versturen duurde te lang. Controleer uw verbinding en probeer het opnieuw.',
      'round-closed': 'Deze meetronde is inmiddels gesloten; er kunnen geen nieuwe tests meer worden gestart.',
      'team-required': 'Kies eerst uw team.',
      'team-not-in-round': 'Dit team doet niet mee aan deze meetronde. Laad de pagina opnieuw en kies uw team.',
      'unknown-team': 'Dit team doet niet mee aan deze meetronde. Laad de pagina opnieuw en kies uw team.',
      'not-found': 'Deze uitnodiging is niet gevonden.',
    },
    invitation: {
      from: 'Uitnodiging van',
      round: (name) => `Meetronde: ${name}`,
      anonymity: (organisation, size) => `Uw antwoorden zijn anoniem. ${organisation} ziet uitslagen alleen per groep van minstens ${size} nieuw afgeronde tests, die samen worden vrijgegeven, nooit de antwoorden van één persoon. Naar uw naam of e-mailadres wordt niet gevraagd.`,
      teamLegend: 'Uw team',
      teamHint: 'Kies het team waar u bij hoort. Uw antwoorden tellen mee in de uitslag van dat team.',
      teamLabel: 'Team',
      chooseTeamFirst: 'Kies eerst hierboven uw team; dan wordt uw antwoord opgeslagen.',
      closedLead: 'Deze meetronde is gesloten.',
      scheduledLead: 'Deze meetronde is nog niet begonnen.',
      scheduled: (opensAt) => `U kunt de test invullen vanaf ${new Date(opensAt).toLocaleString('nl-NL', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' })}. Open deze uitnodiging dan opnieuw.`,
      closed: (organisation) => `Via deze uitnodiging kunt u de test niet meer invullen. Hebt u vragen, neem dan contact op met ${organisation}.`,
      closedButStarted: 'Deze meetronde is gesloten voor nieuwe deelnemers. Uw eigen test kunt u nog afmaken.',
      unknownLead: 'Deze uitnodiging is niet gevonden.',
      unknown: 'Controleer of u de hele link hebt overgenomen, of vraag de organisatie om een nieuwe link. U kunt de zelftest ook los invullen; uw uitslag gaat dan niet naar een organisatie.',
      standalone: 'Naar de losse zelftest',
    },
    showResult: 'Bekijk mijn uitslag',
    completing: 'Uitslag wordt berekend…',
    missingAnswers: (list) => `U hebt nog niet alle vragen beantwoord. Nog open: ${list}.`,
    missingList: (numbers) => joinNumbers(numbers, 'vraag', 'vragen', 'en'),
    resumeHeading: 'Later verder?',
    resumeLabel: 'Uw persoonlijke link',
    resumeHelp: 'Met deze link gaat u later verder waar u was, ook op een ander apparaat. Bewaar hem goed: wie de link heeft, kan uw antwoorden zien.',
    copyLink: 'Kopieer link',
    copied: 'Link gekopieerd',
    copyFailed: 'Kopiëren lukte niet; selecteer de link en kopieer hem zelf.',
    startOver: 'Opnieuw beginnen',
    confirmStartOver: 'Weet u zeker dat u opnieuw wilt beginnen? U start dan een nieuwe test; de huidige blijft bereikbaar via de oude link.',
    startedOver: 'U bent opnieuw begonnen. Uw eerste antwoord start een nieuwe test.',
    notFound: 'Deze test is niet gevonden. U kunt hieronder een nieuwe test beginnen.',
    notFoundCode: (id) => `Gezochte code: ${id}`,
    alreadyCompleted: 'Deze test is al afgerond; hieronder ziet u de uitslag.',
    loadFailed: 'De test kon niet worden geladen.',
    reload: 'Pagina opnieuw laden',
    resultHeading: 'Uw uitslag',
    scoreLabel: 'Uw score',
    scoreOutOf: (max) => `van de ${max} punten`,
    bandLabel: 'Niveau',
    diagnosisHeading: 'Diagnose',
    columnsHeading: 'Punten per antwoordkolom',
    columnsCaption: 'Punten per antwoordkolom (a, b en c)',
    columnHeader: 'Kolom',
    totalHeader: 'Punten',
    totalRow: 'Totaal',
    adviceHeading: 'Advies per vraag',
    yourAnswer: 'Uw antwoord',
    points: (n) => (n === 1 ? '1 punt' : `${n} punten`),
    pointsLabel: 'Punten',
    adviceLabel: 'Advies',
    print: 'Afdrukken',
    completedOn: (date) => `Afgerond op ${date}`,
    footerText: 'Klantspiegel – zelftest klantgerichtheid',
    apiDocs: 'API-documentatie',
    about: {
      heading: 'Klantvriendelijk of klantgericht?',
      paragraphs: [
        'De twee woorden worden vaak door elkaar gebruikt, maar ze betekenen niet hetzelfde. Klantvriendelijk bent u als u de klant beleefd, prettig en met oprechte interesse te woord staat. Dat is onmisbaar, maar alleen vriendelijk zijn lost het probleem van de klant nog niet op. Klantgericht bent u pas als u ook echt verantwoordelijkheid neemt voor dat probleem: u weet wie uw klant is en wat hij nodig heeft, en u handelt daarnaar – ook als regels of gewoontes in de weg lijken te zitten.',
        'Een voorbeeld: een klant loopt vlak voor sluitingstijd een winkel binnen. ‘Het spijt me, we gaan zo dicht en er is niets meer’, zegt de medewerker vriendelijk. Klantgericht was geweest: ‘We sluiten bijna, maar loopt u even mee? Dan kijken we achterin of er nog iets ligt.’',
      ],
    },
    whatNext: {
      heading: 'Wat nu?',
      tips: [
        'Ga regelmatig met klanten in gesprek over meer dan de dagelijkse gang van zaken, en deel wat u hoort met uw collega’s.',
        'Wie een vraag van een klant aanneemt, handelt die ook af: zo wordt u eigenaar van het probleem.',
        'Zet de klant boven de regels: zoek bij elk ‘dat kan niet’ of er toch een oplossing mogelijk is.',
        'Geef net iets meer dan de klant verwacht; vaak zit dat in kleine dingen, zoals oprechte aandacht.',
        'Ga geregeld na hoe tevreden uw klanten werkelijk zijn, zodat u weet wat ze willen.',
        'Vertrouw uw klant en denk mee als er iets misgaat, ook als u er niet direct iets aan verdient.',
      ],
    },
    furtherReading: {
      heading: 'Verder lezen',
      note: null,
      books: [
        {
          title: 'Klantgestuurde teams; ontwerp, besturing en ontwikkeling',
          source: 'A.J. Ardon, Uitgeverij Contact, 2002.',
          description: 'Toegankelijk boek met concrete handvatten om klantgericht gedrag in uw organisatie te stimuleren, met aandacht voor organisatie, leiderschap en ontwikkeling van medewerkers.',
        },
        {
          title: 'Excellente dienstverlening',
          source: 'L. Berry, Samsom, 1999.',
          description: 'Over hoe u ervoor zorgt dat een klantgerichte strategie ook echt wordt uitgevoerd: het draait om mensen, hun waarden en hun handelen.',
        },
      ],
    },
  },
  en: {
    documentTitle: 'Klantspiegel – customer orientation self-test',
    skipLink: 'Skip to content',
    brand: 'Klantspiegel',
    tagline: 'Customer orientation self-test',
    languageGroup: 'Language',
    languageNames: { nl: 'Nederlands', en: 'English' },
    loading: 'Loading the test…',
    noscript: 'This test needs JavaScript.',
    questionsHeading: 'The questions',
    questionLabel: (n) => `Question ${n}`,
    statusSaving: 'Saving…',
    statusSaved: 'Saved',
    statusError: 'Not saved',
    statusMissing: 'Not answered yet',
    retry: 'Try again',
    networkError: 'There is no connection to the server. Your choice is still selected; please try again in a moment.',
    serverError: 'Something went wrong.',
    problems: {
      'assessment-not-found': 'This test was not found. Check the link, or start a new test.',
      'assessment-completed': 'This test has already been completed; its answers can no longer be changed.',
      'assessment-incomplete': 'Not all questions have been answered yet.',
      'view-behind': 'Your answer has been saved but is not visible yet. Please reload the page in a moment.',
      'invalid-input': 'This answer cannot be saved.',
      'internal-error': 'Something went wrong on the server. Please try again in a moment.',
      'views-catching-up': 'Klantspiegel has just restarted and is still bringing its data up to date. Please try again in a few seconds.',
      'too-many-requests': 'A great many tests were just started from your address. Please try again later.',
      'concurrent-change': 'This test was changed somewhere else at the same moment. Please try again.',
      'body-timeout': 'Sending took too long. Check your connection and try again.',
      'round-closed': 'This round has closed in the meantime; no new tests can be started.',
      'team-required': 'Please choose your team first.',
      'team-not-in-round': 'This team does not take part in this round. Please reload the page and choose your team.',
      'unknown-team': 'This team does not take part in this round. Please reload the page and choose your team.',
      'not-found': 'This invitation was not found.',
    },
    invitation: {
      from: 'Invitation from',
      round: (name) => `Round: ${name}`,
      anonymity: (organisation, size) => `Your answers are anonymous. ${organisation} sees results only per group of at least ${size} newly completed tests, released together, never one person’s answers. You are not asked for your name or e-mail address.`,
      teamLegend: 'Your team',
      teamHint: 'Choose the team you belong to. Your answers count towards that team’s result.',
      teamLabel: 'Team',
      chooseTeamFirst: 'Please choose your team above first; then your answer is saved.',
      closedLead: 'This round is closed.',
      scheduledLead: 'This round has not begun yet.',
      scheduled: (opensAt) => `You can take the test from ${new Date(opensAt).toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' })}. Open this invitation again then.`,
      closed: (organisation) => `You can no longer take the test through this invitation. If you have questions, please contact ${organisation}.`,
      closedButStarted: 'This round is closed to new participants. You can still finish your own test.',
      unknownLead: 'This invitation was not found.',
      unknown: 'Check that you copied the whole link, or ask the organisation for a new link. You can also take the self-test on its own; your result then does not go to an organisation.',
      standalone: 'To the self-test on its own',
    },
    showResult: 'Show my result',
    completing: 'Calculating your result…',
    missingAnswers: (list) => `You have not answered all questions yet. Still open: ${list}.`,
    missingList: (numbers) => joinNumbers(numbers, 'question', 'questions', 'and'),
    resumeHeading: 'Continue later?',
    resumeLabel: 'Your personal link',
    resumeHelp: 'With this link you can continue where you left off, also on another device. Keep it safe: anyone with the link can see your answers.',
    copyLink: 'Copy link',
    copied: 'Link copied',
    copyFailed: 'Copying did not work; please select the link and copy it yourself.',
    startOver: 'Start over',
    confirmStartOver: 'Are you sure you want to start over? This starts a new test; the current one stays available through the old link.',
    startedOver: 'You have started over. Your first answer starts a new test.',
    notFound: 'This test was not found. You can start a new test below.',
    notFoundCode: (id) => `Code looked for: ${id}`,
    alreadyCompleted: 'This test has already been completed; your result is shown below.',
    loadFailed: 'The test could not be loaded.',
    reload: 'Reload the page',
    resultHeading: 'Your result',
    scoreLabel: 'Your score',
    scoreOutOf: (max) => `out of ${max} points`,
    bandLabel: 'Level',
    diagnosisHeading: 'Diagnosis',
    columnsHeading: 'Points per answer column',
    columnsCaption: 'Points per answer column (a, b and c)',
    columnHeader: 'Column',
    totalHeader: 'Points',
    totalRow: 'Total',
    adviceHeading: 'Advice per question',
    yourAnswer: 'Your answer',
    points: (n) => (n === 1 ? '1 point' : `${n} points`),
    pointsLabel: 'Points',
    adviceLabel: 'Advice',
    print: 'Print',
    completedOn: (date) => `Completed on ${date}`,
    footerText: 'Klantspiegel – customer orientation self-test',
    apiDocs: 'API documentation',
    about: {
      heading: 'Customer-friendly or customer-oriented?',
      paragraphs: [
        'The two terms are often used interchangeably, but they do not mean the same thing. You are customer-friendly when you treat the customer politely, pleasantly and with genuine interest. That is essential, but being friendly alone does not yet solve the customer’s problem. You are only customer-oriented when you also truly take responsibility for that problem: you know who your customer is and what they need, and you act on it – even when rules or habits seem to stand in the way.',
        'An example: a customer walks into a shop just before closing time. ‘I’m sorry, we’re about to close and there’s nothing left’, the employee says kindly. The customer-oriented response would have been: ‘We’re nearly closing, but would you like to come with me? Then we can check in the back whether there’s anything left.’',
      ],
    },
    whatNext: {
      heading: 'What next?',
      tips: [
        'Talk with customers regularly about more than day-to-day business, and share what you hear with your colleagues.',
        'Whoever takes a customer’s question also handles it: that way you become the owner of the problem.',
        'Put the customer above the rules: with every ‘that’s not possible’, look for whether a solution can be found after all.',
        'Give just a little more than the customer expects; it often lies in small things, such as genuine attention.',
        'Check regularly how satisfied your customers really are, so that you know what they want.',
        'Trust your customer and think along when something goes wrong, even if there is nothing in it for you straight away.',
      ],
    },
    furtherReading: {
      heading: 'Further reading',
      note: '(Both books are in Dutch.)',
      books: [
        {
          title: 'Klantgestuurde teams; ontwerp, besturing en ontwikkeling',
          source: 'A.J. Ardon, Uitgeverij Contact, 2002.',
          description: 'An accessible book with concrete tools for encouraging customer-oriented behaviour in your organisation, with attention to organisation, leadership and staff development.',
        },
        {
          title: 'Excellente dienstverlening',
          source: 'L. Berry, Samsom, 1999.',
          description: 'About making sure a customer-oriented strategy is actually carried out: it is about people, their values and their actions.',
        },
      ],
    },
  },
};

/** "vraag 2", "vragen 2 en 5", "vragen 1, 3 en 6". */
function joinNumbers(numbers, singular, plural, and) {
  if (numbers.length === 1) {
    return `${singular} ${numbers[0]}`;
  }
  const head = numbers.slice(0, -1).join(', ');
  return `${plural} ${head} ${and} ${numbers[numbers.length - 1]}`;
}

export function isLanguage(code) {
  return LANGUAGES.includes(code);
}

/** The texts of one language; unknown codes get the default language. */
export function textsFor(language) {
  return texts[isLanguage(language) ? language : DEFAULT_LANGUAGE];
}

/** Dates as a respondent reads them, e.g. "3 maart 2025 14:05". */
export function formatDate(iso, language) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return '';
  }
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'nl-NL', {
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(date);
}
