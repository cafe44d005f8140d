# Les phrases propres à l'interface web (fr-CA). Chaque identifiant existe aussi dans
# en-CA/app.ftl, avec les mêmes attributs et variables (ui/tests/locales.test.mjs le vérifie).
# Typographie (OQLF) : espace fine insécable (U+202F) avant ; ! ? ; espace insécable (U+00A0)
# avant : et à l'intérieur des « » ; jamais d'espace ordinaire avant ces signes.
# Les montants, dates et heures arrivent déjà mis en forme (ui/src/lib/format.ts).

## Cadre

app-name = Demandes de crédit Flexiti
loading = Chargement…
training-banner = FORMATION — aucune demande de crédit réelle n'est transmise
header-rep = { $rep }
    .label = Personne connectée
header-merchant = { $merchant }
    .label = Magasin
lang-toggle = English
    .title = Afficher en anglais (Alt+L)
lock-button = Verrouiller
    .title = Verrouiller l'écran ; la demande reste telle quelle
sign-out-button = Se déconnecter
skip-to-content = Aller au contenu principal
dismiss = Fermer

## Environnements

env-sandbox = Bac à sable (émulateur intégré)
env-training = Formation
env-merchant-integration = Intégration des marchands
env-production = Production
env-custom = Adresse personnalisée

## Connexion

sign-in-title = Connexion
sign-in-intro = Entrez votre nom d'utilisateur et votre mot de passe de représentant Flexiti.
sign-in-username = Nom d'utilisateur
sign-in-password = Mot de passe
sign-in-submit = Se connecter
sign-in-busy = Connexion en cours…
sign-in-missing = Entrez votre nom d'utilisateur et votre mot de passe.
sign-in-not-configured = Ce terminal n'est pas encore configuré. Un gestionnaire doit d'abord entrer ses paramètres.
sign-in-settings-link = Paramètres du terminal
sign-in-environment = Connecté à : { $environment }
about-version = Version { $version } · { $environment }
reset-done = Le terminal a été réinitialisé. Il redémarre en mode bac à sable, comme au premier jour.

## Verrouillage

locked-title = Session verrouillée
locked-intro = { $rep }, entrez votre mot de passe pour continuer. La demande reste exactement comme vous l'avez laissée.
locked-password = Mot de passe
locked-submit = Déverrouiller
locked-busy = Déverrouillage…
locked-sign-out = Vous n'êtes pas { $rep } ? Se déconnecter

## Erreur au démarrage (affichée dans les deux langues à la fois)

startup-title = Ce terminal n'a pas pu démarrer
startup-next = Réessayez d'abord. Si le problème persiste, appelez les TI. La réinitialisation du terminal est le dernier recours : elle efface tout ce qui y est enregistré.
startup-retry = Réessayer
startup-retrying = Nouvel essai…
startup-still = Nouvel essai à { $time } : le terminal ne peut toujours pas démarrer.
startup-reset = Réinitialiser le terminal

## Réinitialisation du terminal

reset-title = Réinitialiser ce terminal ?
reset-body = La réinitialisation efface tout ce que contient ce terminal : toutes les demandes enregistrées (y compris celles dont le résultat est inconnu), les paramètres, le secret client et la clé de données. Le terminal redémarre ensuite comme au premier jour, en mode bac à sable. Cette action est irréversible.
reset-type = Pour confirmer, tapez { $word } ci-dessous.
reset-word = Mot de confirmation
reset-confirm = Réinitialiser le terminal
reset-busy = Réinitialisation…
reset-cancel = Annuler

## Administrateur

admin-title = Phrase de passe de l'administrateur
admin-intro = Les paramètres du terminal sont réservés à l'administrateur du magasin. Entrez la phrase de passe de l'administrateur pour les ouvrir.
admin-passphrase = Phrase de passe
admin-missing = Entrez la phrase de passe de l'administrateur.
admin-submit = Ouvrir les paramètres
admin-busy = Vérification…
admin-cancel = Annuler
admin-forgot = Phrase de passe oubliée ? Réinitialiser le terminal

## Accueil

home-title = Demandes de crédit
home-new = Nouvelle demande
home-new-hint = Commencez une demande de crédit avec le client. Chaque réponse est enregistrée au fur et à mesure.
home-drafts-title = Demandes enregistrées
home-drafts-empty = Aucune demande enregistrée sur ce terminal.
home-drafts-loading = Chargement des demandes enregistrées…
drafts-unnamed = Nom du demandeur non inscrit
drafts-updated = Modifiée le { $date } à { $time }
drafts-resume = Reprendre
    .label = Reprendre la demande de { $name }
drafts-open = Ouvrir
    .label = Ouvrir la demande de { $name }
drafts-discard = Supprimer
    .label = Supprimer la demande de { $name }
drafts-unreadable-wrong-key = Cette demande a été chiffrée avec une clé que ce terminal n'a plus ; elle ne peut pas être ouverte.
drafts-unreadable-tampered = Les données enregistrées de cette demande sont endommagées ; elle ne peut pas être ouverte.
drafts-discard-unreadable = Supprimer la demande qui ne peut pas être ouverte
drafts-colleague = Demande d'un collègue ({ $rep })
drafts-take-over = Prendre en charge
    .label = Prendre en charge la demande de { $rep }
take-over-title = Prendre en charge cette demande ?
take-over-body = Cette demande devient la vôtre ; la passation est consignée.
take-over-confirm = Prendre en charge
take-over-cancel = Annuler
discard-title = Supprimer cette demande ?
discard-body = Les réponses de { $name } seront effacées de ce terminal. Cette action est irréversible.
discard-body-unreadable = Cette demande ne peut pas être ouverte. Elle sera effacée de ce terminal. Cette action est irréversible.
discard-confirm = Supprimer
discard-keep = Conserver la demande
notice-discarded = La demande a été supprimée.
notice-cancelled = L'envoi a été annulé et la demande, mise de côté dans la liste des demandes.

## Statuts (pastilles)

status-editing = En cours
status-submitting = Envoi en cours
status-outcome-unknown = Résultat inconnu
status-approved = Approuvée
status-pending = Décision à venir
status-declined = Non approuvée
status-cancelled = Annulée

## Le formulaire de demande

form-title = Demande de crédit
form-back = Retour aux demandes
form-intro = Chaque réponse est enregistrée pendant la saisie. Toutes les réponses sont obligatoires, sauf celles marquées facultatives.
form-nav = Sections
form-applicant = Demandeur : { $name }
field-optional = facultatif
select-placeholder = Choisir…
select-issuer-first = Choisissez d'abord le type de pièce
select-unknown-option = { $code } (absent de la liste)
section-applicant = Demandeur
section-contact = Coordonnées
section-address = Adresse et logement
section-employment = Emploi et revenu
section-identification = Pièce d'identité
section-security = Question de sécurité
section-disclosures = Avis au demandeur
section-terms = Conditions générales
section-amount = Montant demandé

## Libellés et indices des champs

label-salutation = Titre
label-first-name = Prénom
label-middle-name = Second prénom
label-last-name = Nom de famille
label-dob = Date de naissance
    .hint = AAAA-MM-JJ
label-sin = Numéro d'assurance sociale (NAS)
    .hint = 9 chiffres. Le demandeur peut choisir de ne pas le fournir.
label-email = Courriel
label-phone-number = Numéro de téléphone
    .hint = 10 chiffres, indicatif régional en premier
label-address-1 = Adresse
label-address-2 = Appartement, bureau ou unité
label-city = Ville
label-province = Province ou territoire
label-postal-code = Code postal
    .hint = A1A 1A1
label-housing-type = Logement
label-monthly-housing-payment = Coût mensuel du logement
    .hint = Loyer ou versement hypothécaire, en dollars, p. ex. 1 450,50
label-years-at-address = Années à cette adresse
    .hint = Années complètes, 0 si moins d'un an
label-occupation = Situation professionnelle
label-employer-name = Employeur
label-annual-income = Revenu annuel
    .hint = Avant impôt, en dollars, p. ex. 55 000
label-govid-type = Type de pièce d'identité
label-govid-issuedby = Délivrée par
label-govid-number = Numéro de la pièce
label-govid-expiry = Date d'expiration
    .hint = AAAA-MM-JJ
label-security-qid = Question de sécurité
label-security-answer = Réponse à la question de sécurité
label-insurance = Oui, le demandeur souhaite souscrire l'assurance protection de paiement facultative
label-qcpa-disclosure = Le demandeur a lu l'avis ci-dessus destiné aux résidents du Québec
label-tos-agreement = Le demandeur a lu et accepte ces conditions générales
label-amount-requested = Montant demandé
    .hint = En dollars, p. ex. 2 500
money-reads-as = Montant reconnu : { $amount }
date-reads-as = { $date }

## Lecture du permis de conduire

licence-label = Lire le permis de conduire
    .hint = Cliquez ici, puis lisez le code-barres au dos du permis. Les réponses qu'il contient sont remplies plus bas ; vérifiez-les avec le demandeur.
licence-read = Lire le code
licence-reading = Lecture du permis…
licence-filled = { $count ->
    [one] Une réponse a été remplie à partir du permis. Vérifiez-la avec le demandeur.
   *[other] { $count } réponses ont été remplies à partir du permis. Vérifiez-les avec le demandeur.
}
licence-nothing = Aucun renseignement n'a pu être tiré du permis. Entrez les réponses à la main.
licence-unreadable = Ce code est illisible. Lisez-le de nouveau ou entrez les réponses à la main.

## Avis et conditions

insurance-title = Assurance protection de paiement facultative
insurance-tc-show = Lire les conditions de l'assurance
annual-fees-title = Frais annuels
qcpa-title = Avis prévu par la Loi sur la protection du consommateur
disclosure-missing = Ce texte n'a pas pu être chargé. Vérifiez la connexion, puis rouvrez la demande.
terms-choose-province = Choisissez la province ou le territoire plus haut pour afficher les conditions qui s'appliquent au demandeur.
terms-loading = Chargement des conditions…
terms-version = Version { $version }
terms-region = Texte des conditions générales
terms-changed = Les conditions ont changé avec la province. Faites-les lire et accepter de nouveau par le demandeur.

## Envoi et enregistrement

submit = Envoyer la demande
submit-busy = Envoi en cours…
submit-blocked = { $count ->
    [one] Une réponse est à revoir avant l'envoi.
   *[other] { $count } réponses sont à revoir avant l'envoi.
}
save-saving = Enregistrement…
save-saved = Enregistré à { $time }
save-failed = Pas encore enregistré. Nous allons réessayer.

## Décision

decision-applicant = Demande de { $name }
decision-approved-title = Approuvée
decision-limit = Limite de crédit
decision-card = Carte se terminant par { $last4 }
decision-pending-title = Décision à venir
decision-pending-body = La demande a été reçue et est en cours d'étude. Flexiti communiquera la décision au demandeur. Il n'y a rien d'autre à faire pour l'instant.
decision-declined-title = Non approuvée aujourd'hui
decision-declined-body = Flexiti n'a pas pu approuver cette demande. Veuillez proposer au client un autre mode de paiement.
decision-unknown-title = Résultat inconnu
decision-unknown-body = La demande a été envoyée, mais aucune réponse n'est revenue. Elle s'est peut-être rendue chez Flexiti, peut-être pas : elle est donc verrouillée et ne sera jamais renvoyée comme nouvelle demande.
decision-unknown-next = Vérifiez de nouveau pour obtenir la réponse de Flexiti. N'annulez que si le client ne veut plus faire de demande.
decision-check-again = Vérifier de nouveau
decision-checking = Vérification…
decision-still-unknown = Toujours aucune réponse à { $time }. Réessayez dans un instant.
decision-cancel = Annuler
    .label = Annuler l'envoi
decision-cancel-title = Annuler cet envoi ?
decision-cancel-body = La demande reste sur ce terminal, mise de côté. Flexiti communiquera directement avec le demandeur si la demande lui est bien parvenue, et vous pourrez toujours vérifier de nouveau depuis la liste des demandes.
decision-cancel-confirm = Annuler l'envoi
decision-cancel-keep = Continuer à vérifier
decision-cancelled-title = Envoi annulé
decision-cancelled-body = Cette demande a été mise de côté. Flexiti communiquera avec le demandeur si la demande lui est parvenue. Vérifiez de nouveau pour connaître la réponse de Flexiti ; ne refaites pas de demande pour ce client avant de la connaître.
decision-apply-again = Refaire la demande
decision-apply-again-title = Refaire une demande pour ce client ?
decision-apply-again-body = Flexiti a peut-être déjà reçu la première demande. Une nouvelle demande entraîne une deuxième vérification de crédit au dossier du client. Commencez par vérifier de nouveau ; refaites la demande seulement si le client le souhaite et le comprend.
decision-apply-again-confirm = Commencer une nouvelle demande
decision-new = Nouvelle demande
decision-home = Retour aux demandes

## Paramètres

settings-title = Paramètres du terminal
settings-intro = Ces paramètres s'appliquent à ce terminal, pour tous les représentants.
settings-environment = Environnement
settings-custom-url = Adresse personnalisée (URL)
settings-client-id = Identifiant client
settings-client-secret = Secret client
    .hint = Laissez vide pour garder le secret enregistré. Il faut l'entrer de nouveau chaque fois que l'environnement, l'adresse ou l'identifiant client change.
secret-sandbox = Le secret de démonstration du bac à sable est utilisé
secret-keyring = Un secret est enregistré dans le trousseau de clés du système
secret-environment = Le secret provient de la variable d'environnement FLEXITI_CLIENT_SECRET
secret-file = Le secret provient du fichier fourni par les TI
secret-missing = Aucun secret enregistré pour l'instant
settings-secret-again = Vous avez changé l'environnement, l'adresse ou l'identifiant client : entrez de nouveau le secret client. Un secret enregistré n'est envoyé qu'à l'endroit pour lequel il a été enregistré.
settings-store-id = Identifiant du magasin (fourni par Flexiti)
settings-terminal-id = Identifiant du terminal
settings-idle-lock = Verrouillage après inactivité (minutes)
    .hint = De 1 à 15 minutes.
settings-idle-invalid = Choisissez un nombre de minutes de 1 à 15.
settings-retention = Conserver les demandes enregistrées pendant (jours)
    .hint = De 1 à 30 jours. Les demandes enregistrées qui restent sans modification pendant cette période sont effacées de ce terminal.
settings-retention-invalid = Choisissez un nombre de jours de 1 à 30.
data-key-keyring = Les données des demandeurs sont chiffrées sur ce terminal ; la clé de chiffrement est conservée dans le trousseau de clés du système.
data-key-file = Les données des demandeurs sont chiffrées sur ce terminal, mais la clé de chiffrement est conservée dans un fichier sur ce terminal, faute de trousseau de clés du système. C'est moins sûr : quiconque copie le dossier de données au complet obtient aussi la clé. Demandez aux TI d'activer le trousseau de clés du système.
data-key-other = Les données des demandeurs sont chiffrées sur ce terminal.
settings-admin-section = Phrase de passe de l'administrateur
settings-new-passphrase = Nouvelle phrase de passe
settings-confirm-passphrase = Confirmez la nouvelle phrase de passe
settings-new-passphrase-required = Obligatoire avant que ce terminal se connecte hors du bac à sable : au moins 12 caractères. Ensuite, les paramètres ne s'ouvrent qu'avec elle ; conservez-la en lieu sûr.
settings-new-passphrase-change = Une phrase de passe est définie. Pour la changer, entrez-en une nouvelle (au moins 12 caractères) dans les deux champs ; laissez-les vides pour la garder.
settings-passphrase-required = Définissez la phrase de passe de l'administrateur : hors du bac à sable, les paramètres ne s'ouvrent qu'avec elle.
settings-passphrase-mismatch = Les deux phrases de passe ne sont pas identiques.
settings-passphrase-saved = La nouvelle phrase de passe de l'administrateur est définie.
settings-test = Tester la connexion
settings-testing = Test en cours…
settings-test-ok = La connexion fonctionne.
settings-save = Enregistrer les paramètres
settings-saving = Enregistrement…
support-bundle = Dossier pour le soutien
support-bundle-intro = Pour le soutien technique : les versions de l’application et du système, les paramètres sans le secret, les journaux des derniers jours, le journal d’audit et la vérification de la base de données. Aucune donnée de demandeur.
support-bundle-making = Préparation du dossier…
support-bundle-saved = Enregistré dans { $path }
settings-saved = Paramètres enregistrés.
settings-loading = Chargement des paramètres…
settings-close = Fermer les paramètres
unresolved-title = Demandes au résultat inconnu, conservées au-delà de la période de conservation
unresolved-intro = La réponse de Flexiti à ces demandes n'est pas connue ; elles sont donc conservées au-delà de la période de conservation, car seule une nouvelle vérification permet de l'obtenir. Demandez au représentant (ou à un collègue, qui peut prendre la demande en charge) de l'ouvrir et de vérifier de nouveau.
unresolved-rep = Représentant
unresolved-status = Statut
unresolved-updated = Dernière modification
unresolved-id = Numéro de la demande
unresolved-when = { $date } à { $time }

## Problèmes de champ

field-required = Cette réponse est obligatoire.
field-length = Cette réponse est trop longue.
field-invalid = Cette réponse n'est pas valide.
field-wrong-format = Cette réponse n'a pas le format attendu.
field-invalid-dob = Le demandeur doit avoir atteint l'âge de la majorité dans sa province ou son territoire (18 ans, ou 19 ans en C.-B., au N.-B., à T.-N.-L., en N.-É., aux T.N.-O., au Nunavut et au Yukon).
field-wrong-format-dob = Écrivez la date sous la forme AAAA-MM-JJ, par exemple 1988-07-24.
field-invalid-postal_code = Ce code postal ne correspond pas à la province : vérifiez sa première lettre.
field-wrong-format-postal_code = Écrivez le code postal sous la forme A1A 1A1.
field-invalid-sin = Ce NAS n'est pas valide. Vérifiez les 9 chiffres ou laissez le champ vide.
field-wrong-format-sin = Un NAS compte 9 chiffres. Vérifiez-le ou laissez le champ vide.
field-invalid-phone_number = Entrez un numéro de téléphone canadien à 10 chiffres avec un indicatif régional valide.
field-wrong-format-phone_number = Entrez un numéro de téléphone à 10 chiffres, par exemple 514 555-0123.
field-invalid-email = Vérifiez l'adresse courriel, par exemple nom@exemple.com.
field-wrong-format-email = Vérifiez l'adresse courriel, par exemple nom@exemple.com.
field-invalid-govid_expiry = Cette pièce d'identité est expirée. Demandez-en une autre au demandeur.
field-wrong-format-govid_expiry = Écrivez la date sous la forme AAAA-MM-JJ, par exemple 2029-05-15.
field-invalid-govid_issuedby = Ce type de pièce n'est pas délivré par cette autorité. Choisissez une autre autorité de délivrance.
field-required-qcpa_disclosure = Les résidents du Québec doivent lire cet avis. Cochez la case une fois que le demandeur l'a lu.
field-required-tos_agreement = Le demandeur doit accepter les conditions générales.
field-invalid-years_at_address = Entrez un nombre d'années de 0 à 120.
field-wrong-format-years_at_address = Entrez des années complètes, en chiffres seulement.
field-invalid-money = Entrez un montant de zéro ou plus.
field-wrong-format-money = Écrivez un montant comme 1450, 1 450,50 ou 1,450.50.
field-invalid-amount_requested = Entrez un montant supérieur à zéro ou laissez le champ vide.
field-required-external_location_id = L'identifiant du magasin manque dans les paramètres du terminal. Adressez-vous à un gestionnaire.
field-problem-other = Cette partie de la demande ne peut pas être envoyée : { $field }. Adressez-vous à un gestionnaire.
field-problem-unnamed = Une partie de la demande ne peut pas être envoyée. Adressez-vous à un gestionnaire.

## Erreurs (error-<code>, avec - au lieu de _)

error-authentication-failure = Le nom d'utilisateur ou le mot de passe est incorrect.
error-wrong-rep = Seule la personne qui a verrouillé l'écran peut le déverrouiller. Déconnectez-vous pour changer d'utilisateur.
error-not-configured = Ce terminal n'est pas encore configuré. Ouvrez les paramètres du terminal.
error-transport-connect = Impossible de joindre Flexiti. Vérifiez le réseau, puis réessayez.
error-transport-timeout = Flexiti a mis trop de temps à répondre. Réessayez.
error-transport-reset = La connexion avec Flexiti a été coupée. Réessayez.
error-transport-other = Un problème de réseau a interrompu la communication avec Flexiti. Réessayez.
error-server-error = Flexiti a rencontré un problème (code { $status }). Réessayez dans un instant.
error-html-page = Flexiti a répondu par une page d'erreur (code { $status }). Réessayez dans un instant.
error-unexpected-status = Flexiti a donné une réponse inattendue (code { $status }). Réessayez dans un instant.
error-unauthorized = Flexiti a refusé l'accès de ce terminal. Demandez à un gestionnaire de vérifier les paramètres.
error-insufficient-scope = Ce terminal n'a pas l'autorisation de faire cela. Demandez à un gestionnaire de vérifier les paramètres.
error-not-found = Flexiti n'a pas trouvé ce qui était demandé.
error-oauth-invalid-client = L'identifiant ou le secret client est incorrect. Demandez à un gestionnaire de vérifier les paramètres.
error-oauth-invalid-grant = La connexion avec Flexiti a expiré. Réessayez.
error-oauth-invalid-scope = Ce terminal n'a pas l'autorisation de faire cela. Demandez à un gestionnaire de vérifier les paramètres.
error-oauth-invalid-request = Flexiti a refusé la demande de connexion. Demandez à un gestionnaire de vérifier les paramètres.
error-wrong-inputs = Des réponses manquent ou ne sont pas valides. Elles sont indiquées plus bas.
error-tos-agreement-required = Le demandeur doit accepter les conditions générales avant l'envoi.
error-customer-already-exists = Ce client a déjà un compte Flexiti. Utilisez son compte existant.
error-application-create-error = Flexiti ne peut pas créer la demande pour le moment. Réessayez dans un instant.
error-external-location-id-not-found = Flexiti ne connaît pas cet identifiant de magasin. Demandez à un gestionnaire de vérifier les paramètres.
error-account-type-not-permitted = Ce magasin ne peut pas accepter ce type de demande.
error-malformed-response = Flexiti a envoyé une réponse illisible. Réessayez.
error-response-too-large = Flexiti a envoyé une réponse trop volumineuse. Réessayez.
error-outcome-unknown = La demande a été envoyée, mais aucune réponse n'est revenue. Vérifiez de nouveau avant toute autre chose.
error-invalid-config = Les paramètres du terminal ne sont pas valides. Demandez à un gestionnaire de les vérifier.
error-draft-not-found = Cette demande n'est plus sur ce terminal.
error-draft-locked = Cette demande a été envoyée et ne peut plus être modifiée.
error-draft-wrong-key = Cette demande a été chiffrée avec une clé que ce terminal n'a plus ; elle ne peut pas être ouverte. Vous pouvez seulement la supprimer.
error-draft-tampered = Les données enregistrées de cette demande sont endommagées ; elle ne peut pas être ouverte. Vous pouvez seulement la supprimer.
error-store-unavailable = Les demandes enregistrées sur ce terminal sont inaccessibles. Redémarrez l'application ; si le problème persiste, appelez le soutien technique.
error-store-busy = Le stockage de ce terminal est occupé. Vos dernières modifications ne sont pas encore enregistrées ; réessayez dans un instant.
error-store-full = Le disque de ce terminal est plein : vos dernières modifications ne sont pas enregistrées. Laissez cet écran ouvert et appelez le soutien technique.
error-database-corrupt = Les demandes enregistrées sur ce terminal sont endommagées. Ne fermez pas l'application ; appelez le soutien technique.
error-corrupt-row = Les données enregistrées de cette demande sont endommagées ; elle ne peut pas être ouverte.
error-draft-not-submitting = Cette demande n'est plus en cours d'envoi. Revenez à la liste pour voir où elle en est.
error-session-locked = L'écran est verrouillé. Déverrouillez-le pour continuer.
error-not-signed-in = Votre session est fermée. Connectez-vous pour continuer.
error-invalid-settings = Ce paramètre n'est pas valide : { $setting }.
error-keyring-unavailable = Le trousseau de clés du système est inaccessible : le secret n'a pas été enregistré.
error-application-declined = Flexiti a refusé cette demande. Le client peut appeler Flexiti pour en savoir plus.
error-application-pending = Flexiti étudie cette demande et communiquera avec le client.
error-business-error = Flexiti a refusé la demande. Réessayez ; si le problème persiste, appelez le soutien technique.
error-general-error = Flexiti a rencontré un problème avec cette demande. Réessayez dans un instant.
error-not-verified = L'identité du client n'est pas encore vérifiée. Terminez d'abord la vérification.
error-invalid-role = Le compte de ce représentant n'a pas l'autorisation de faire cela. Adressez-vous à un gestionnaire.
error-creditapp-id-not-found = Flexiti ne trouve pas cette demande.
error-customer-identity-not-found = Flexiti ne trouve pas ce client. Vérifiez les réponses, puis réessayez.
error-idempotency-key-reused = Flexiti a déjà reçu une autre demande sous la clé de celle-ci. Ne l'envoyez pas de nouveau ; appelez le soutien technique.
error-user-not-active = Ce compte n'est pas encore actif et ne peut pas servir à un achat. Le client peut appeler Flexiti.
error-user-not-able-to-purchase = Ce compte ne peut pas servir à des achats pour le moment. Le client peut appeler Flexiti.
error-vcc-account-mismatch = Cette carte n'appartient pas à ce compte. Vérifiez la carte, puis réessayez.
error-sms-not-valid-phone = Flexiti n'a pas de numéro de cellulaire pour ce client. Choisissez un autre mode de vérification.
error-tries-exceed = Il y a eu trop de mauvaises réponses à la question de sécurité. Choisissez un autre mode de vérification.
error-secret-answer-mismatch = Cette réponse ne correspond pas à celle du dossier.
error-regular-purchase-bypass-is-not-allowed = Cet achat exige la vérification du client. Choisissez un autre mode de vérification.
error-merchant-override-is-not-allowed = Ce magasin ne peut pas vérifier un client par dérogation. Choisissez un autre mode de vérification.
error-piw-mismatch = Le mot d'identification personnel ne correspond pas à celui du dossier.
error-verification-code-required = Le code de vérification manque. Demandez-le au client.
error-wrong-verification-code = Ce code de vérification est incorrect. Demandez au client de le relire.
error-auth-not-allowed = Ce magasin ne peut pas retenir un achat pour le porter au compte plus tard. Portez-le au compte maintenant.
error-plan-term-not-set = Ce plan ou cette durée n'existe pas. Calculez de nouveau les versements.
error-plan-term-not-available = Ce plan ou cette durée n'est pas offert à ce client ou pour ce montant. Choisissez-en un autre.
error-credit-exceeded = L'achat, intérêts et frais compris, dépasse le crédit disponible. Calculez les versements pour un montant moins élevé.
error-authorization-ended = Cet achat est fermé : il ne reste rien à porter au compte ni à libérer.
error-auth-amount-exceeded = Le montant dépasse ce qui reste sur cet achat.
error-not-permitted = Le compte de ce représentant n'a pas l'autorisation de faire cela. Adressez-vous à un gestionnaire.
error-wrong-transaction-type = Cette opération ne s'applique pas à ce type d'achat.
error-return-date-exceeded = Le délai de retour de cet achat est passé. Le client peut appeler Flexiti.
error-capture-amount-exceeded = Le montant dépasse ce qui reste de cette transaction.
error-bad-amount = Flexiti a envoyé un montant qui ne peut pas être lu exactement. Réessayez ; si le problème persiste, appelez le soutien technique.
error-list-incomplete = La liste de Flexiti est plus longue que ce que ce terminal peut vérifier. N'envoyez rien de nouveau ; appelez le soutien technique.
error-backup-failed = L'application n'a pas pu faire de copie de sécurité des demandes enregistrées avant de les mettre à jour, alors rien n'a été modifié. Libérez de l'espace disque, puis redémarrez l'application.
error-migration-failed = L'application n'a pas pu mettre à jour les demandes enregistrées pour cette version. Appelez le soutien technique ; rien n'a été supprimé.
error-schema-too-new = Les demandes enregistrées ont été écrites par une version plus récente de l'application. Réinstallez cette version ou appelez le soutien technique.
error-session-not-found = Cette session est terminée. Connectez-vous de nouveau.
error-invalid-input = Une valeur n'a pas pu être enregistrée parce qu'elle n'est pas valide. Vérifiez-la, puis réessayez.
error-random-unavailable = Le système du terminal ne peut pas produire de clés sécurisées pour le moment, alors rien n'a été enregistré. Redémarrez le terminal ; si le problème persiste, appelez le soutien technique.
error-journal-operation-not-found = Cette opération d'achat ne figure pas dans le journal de ce terminal.
error-journal-wrong-state = Cette opération d'achat est déjà terminée, ou en cours d'envoi : elle ne peut pas être modifiée ainsi. Ouvrez l'achat pour voir où il en est.
error-journal-operation-in-flight = Une autre opération de cet achat est en cours d'envoi ou son résultat est inconnu. Vérifiez-la d'abord de nouveau.
error-journal-purchase-not-charged = Cet achat n'a pas été porté au compte : il ne peut pas être encaissé, libéré, retourné ni remboursé.
error-journal-wrong-key = Ce dossier d'achat a été scellé avec une clé que ce terminal n'a plus ; il ne peut pas être ouvert. Appelez les TI.
error-journal-tampered = Ce dossier d'achat est endommagé et ne peut pas être ouvert. Appelez le soutien technique.
error-bad-arguments = L'application a envoyé une requête incorrecte. Réessayez ; si le problème persiste, appelez le soutien technique.
error-unknown-command = L'application a demandé une opération que cette version ne connaît pas. Redémarrez l'application ; si le problème persiste, appelez le soutien technique.
error-draft-busy = Cette demande est en cours d'envoi. Attendez la réponse à l'écran qui l'a envoyée.
error-draft-not-set-aside = Seule une demande mise de côté peut être refaite.
error-data-key-unavailable = La clé de données du terminal est illisible pour l'instant : le trousseau du système ne répond pas. Réessayez ; si le problème persiste, appelez les TI.
error-data-key-missing = La clé de données du terminal est introuvable, mais les demandes enregistrées en ont besoin. Appelez les TI ; réinitialiser le terminal efface ces demandes.
error-data-key-mismatch = La clé de données du terminal n'est pas celle qui a scellé les demandes enregistrées. Appelez les TI ; réinitialiser le terminal efface ces demandes.
error-admin-required = Les paramètres du terminal exigent la phrase de passe de l'administrateur.
error-admin-passphrase-wrong = Ce n'est pas la phrase de passe de l'administrateur.
error-admin-passphrase-needed = Définissez une phrase de passe d'administrateur avant de relier ce terminal à Flexiti.
error-admin-passphrase-too-short = La phrase de passe de l'administrateur doit compter au moins 12 caractères.
error-secret-needed = L'environnement, l'adresse ou l'identifiant client a changé : entrez de nouveau le secret client.
error-too-many-attempts = Trop de tentatives infructueuses. Réessayez dans { $minutes ->
        [one] 1 minute
       *[other] { $minutes } minutes
    }.
error-draft-of-another-rep = Cette demande appartient à un collègue. Prenez-la en charge pour l'ouvrir.
error-unlock-attempts-exhausted = Trop de déverrouillages ratés : la session a été fermée et le formulaire, enregistré. Reconnectez-vous.
error-reset-not-confirmed = Tapez le mot de confirmation pour réinitialiser le terminal.
error-sign-out-first = Déconnectez-vous avant de réinitialiser le terminal.
error-managed-setting = Les TI gèrent ce paramètre sur ce terminal.
error-managed-config-invalid = Le fichier de paramètres installé par les TI, /etc/flexiti-pos/terminal.toml, n'est pas valide ; le terminal n'a pas démarré. { $reason ->
        [unknown-key] La ligne { $line } règle quelque chose que l'application ne connaît pas.
        [bad-value] La valeur de la ligne { $line } n'est pas permise.
        [secret] La ligne { $line } contient un secret, et les secrets ne vont jamais dans ce fichier.
        [syntax] La ligne { $line } est illisible.
        [permissions] D'autres personnes que son propriétaire peuvent le modifier, ou son propriétaire n'est pas l'administrateur du système.
        [unreadable] Le fichier est illisible.
       *[other] Voyez la ligne { $line }.
    } Appelez les TI.
error-internal = Un problème est survenu dans l'application. Réessayez ; si le problème persiste, appelez le soutien technique.
error-unknown = Un problème est survenu. Réessayez ; si le problème persiste, appelez le soutien technique.

## La langue du demandeur et celle du magasin (issue 12)
# La langue du demandeur est un champ de la demande, distinct de la langue de l'écran. Les
# noms des langues dans `lang-name` sont écrits dans la langue même (affichés avec leur
# propre `lang`), comme `texts-show-in-this-language` (le bouton qui affiche l'autre version).

label-applicant-lang = Langue du demandeur
    .hint = Flexiti communiquera avec le demandeur dans cette langue, et les textes à lui présenter s'afficheront d'abord dans celle-ci. La langue de l'écran (Alt+L) ne la change pas.
lang-name = Français
lang-in-sentence-en = anglais
lang-in-sentence-fr = français
texts-shown-in = Version affichée : { $language }
texts-show-in-this-language = Afficher en français
texts-quebec-french-first = Au Québec, la version française est présentée en premier. Affichez la version anglaise si le demandeur le souhaite.
terms-accepted-in = Conditions acceptées par le demandeur en { $language }.
lang-switch-failed = L'écran n'a pas pu passer à l'anglais et reste en français. Réessayez avec Alt+L.
settings-store-province = Province ou territoire du magasin
settings-store-province-none = Aucun choix
settings-store-lang = Langue du magasin
    .hint = L'écran de connexion s'ouvre dans cette langue et y revient quand un représentant se déconnecte. Les nouvelles demandes la prennent comme langue du demandeur.
province-ab = Alberta
province-bc = Colombie-Britannique
province-mb = Manitoba
province-nb = Nouveau-Brunswick
province-nl = Terre-Neuve-et-Labrador
province-ns = Nouvelle-Écosse
province-nt = Territoires du Nord-Ouest
province-nu = Nunavut
province-on = Ontario
province-pe = Île-du-Prince-Édouard
province-qc = Québec
province-sk = Saskatchewan
province-yt = Yukon

## Configuration gérée et mode kiosque
settings-managed = Géré par votre service des TI
settings-kiosk = Mode kiosque : plein écran, sans cadre de fenêtre (s'applique au prochain démarrage)

## Purchases: the engine's refusals, accounts that cannot buy, receipts (issue 14)

error-purchase-not-found = Cet achat n'est plus ouvert sur ce terminal. Recommencez à partir de la carte ou du compte du client.
error-not-approved = Seule une demande approuvée peut servir à un achat.
error-card-number-invalid = Vérifiez le numéro de carte : il compte 16 chiffres.
error-purchase-step-missing = Il manque une étape de l'achat. Revenez au montant et au choix du client.
error-bypass-not-allowed = Cet achat exige la vérification du client.
error-pin-invalid = Le code que le client lit compte de 4 à 8 chiffres.
error-quote-changed = Les versements ont changé depuis le calcul. Montrez au client les nouvelles options.
error-purchase-busy = Cet achat est en cours de traitement. Attendez la réponse.
error-purchase-locked = Cet achat a déjà été envoyé à Flexiti. Vérifiez-le de nouveau avant toute autre chose.
error-french-quote-missing = La version française des options n'est pas arrivée. Calculez de nouveau les versements.
error-outcome-needs-administrator = Flexiti indique un autre montant que celui de cette opération. L'administrateur doit décider de la suite.
error-operation-not-possible = Cette opération ne convient pas à cet achat. Vérifiez l'achat et le montant.

purchase-blocked-terms = Ce compte ne peut pas servir tant que le client n'a pas accepté les modalités de Flexiti. Le client peut appeler Flexiti.
purchase-blocked-a = Ce compte ne peut pas servir à des achats. Le client peut appeler Flexiti.
purchase-blocked-f = Ce compte ne peut pas servir à des achats. Le client peut appeler Flexiti.
purchase-blocked-z = Ce compte ne peut pas servir à des achats. Le client peut appeler Flexiti.
purchase-blocked-c = Ce compte est fermé. Le client peut appeler Flexiti.
purchase-blocked-other = Ce compte ne peut pas servir à des achats pour le moment. Le client peut appeler Flexiti.

receipt-title-sale = Achat
receipt-title-hold = Achat en attente
receipt-title-capture = Encaissement
receipt-title-release = Libération
receipt-title-return = Retour
receipt-title-refund = Remboursement
receipt-date = Date
receipt-store = Magasin
receipt-terminal = Terminal
receipt-rep = Personnel de vente
receipt-reference = Référence
receipt-authorization = Autorisation
receipt-capture = N° d'encaissement
receipt-return = N° de retour
receipt-card = Carte
receipt-customer = Client
receipt-type = Type
receipt-type-regular = Achat courant
receipt-type-plan = Plan de paiement
receipt-plan = Plan
receipt-term = Durée (mois)
receipt-payment = Versement mensuel
receipt-payment-deferred = À payer d'ici la fin de la durée
receipt-amount = Montant
receipt-remaining = Solde restant

## Purchase screens (issue 14)
# The approval's way into a purchase, home's, the returning customer's search, the purchase's
# steps, the receipt's tools and today's purchases. Amounts and rates arrive formatted.

decision-start-purchase = Commencer un achat
home-sales-title = Achats à crédit Flexiti
home-sales-hint = Un client qui a déjà un compte Flexiti achète aujourd'hui, ou un reçu est à réimprimer.
home-returning-customer = Client existant
home-todays-purchases = Achats du jour

purchase-back-home = Retour à l'accueil
purchase-title = Achat à crédit Flexiti
purchase-card = Carte •••• { $last4 }
purchase-available = Crédit disponible : { $amount }
purchase-customer-lang = Langue du client : { $language }
purchase-step-amount = Montant de la vente
purchase-amount = Montant, taxes incluses
    .hint = Par exemple 1000 ou 1 049,99
purchase-calculate = Calculer les versements
purchase-calculating = Calcul en cours…
purchase-step-options = Le choix du client pour { $amount }
purchase-over-credit-hint = Certaines options coûtent plus que le crédit disponible ({ $amount }), intérêts et frais compris. Pour les offrir, calculez les versements d'un montant moins élevé.
purchase-regular = Achat courant
purchase-plan-fallback = Plan { $id }
purchase-term-months = { $term } mois
purchase-regular-amount = { $amount } porté au compte
purchase-per-month = { $amount } par mois
purchase-within = { $amount } à payer d'ici { $term } mois
purchase-unlisted = { $term } mois · { $amount }
purchase-rate-regular = Taux d'intérêt annuel
purchase-fee = Frais
purchase-no-fees = Aucuns frais
purchase-over-credit = Dépasse le crédit disponible
purchase-choose = Le client choisit cette option
purchase-chosen = Option choisie : { $option }
purchase-option-name = { $plan }, { $term } mois
purchase-step-verify = Vérification du client
purchase-verify-hint = Choisissez comment le client prouve que le compte est le sien.
purchase-verify-sms = Envoyer un code par texto
purchase-verify-email = Envoyer un code par courriel
purchase-verify-question = Poser la question de sécurité
purchase-verify-bypass = Aucune vérification requise
purchase-verify-sending = Demande à Flexiti en cours…
purchase-sent-sms = Flexiti a envoyé un code au cellulaire du client. Demandez au client de vous le lire.
purchase-sent-email = Flexiti a envoyé un code à l'adresse courriel du client. Demandez au client de vous le lire.
purchase-question = Question de sécurité
purchase-question-missing = Flexiti n'a pas envoyé la question. Choisissez un autre moyen de vérification.
purchase-answer = Réponse du client
purchase-check-answer = Vérifier la réponse
purchase-checking-answer = Vérification en cours…
purchase-verified = Le client est vérifié.
purchase-verified-bypass = Cet achat n'exige aucune vérification.
purchase-step-charge = Porter l'achat au compte
purchase-summary-amount = Montant
purchase-summary-option = Option
purchase-sandbox = BAC À SABLE
purchase-sandbox-pins = Code envoyé au client (affiché seulement dans le bac à sable) : { $pins }
purchase-pin = Code que le client vous lit
    .hint = De 4 à 8 chiffres
purchase-hold = Mettre en attente, encaisser plus tard
    .hint = Flexiti réserve le montant sur le compte ; il est encaissé plus tard, quand la vente est conclue.
purchase-charge = Porter { $amount } au compte
purchase-charge-hold = Mettre { $amount } en attente
purchase-charging = Envoi à Flexiti en cours…
purchase-refused = Rien n'a été porté au compte.
purchase-refused-next = Choisissez une autre option ou calculez les versements d'un autre montant.
purchase-done-title = Achat conclu
purchase-hold-title = Achat en attente
purchase-authorization = Autorisation Flexiti { $id }
purchase-flag-duplicate = Flexiti indique plus d'une transaction pour cet achat. Rien n'a été annulé : appelez Flexiti avant que le client parte.
purchase-flag-mismatch = La transaction de Flexiti diffère de ce qui a été envoyé (montant, plan ou durée). Avisez l'administrateur du magasin.
purchase-unknown-title = Aucune réponse de Flexiti
purchase-unknown-body = Flexiti a peut-être porté l'achat au compte du client. Ne recommencez pas la transaction.
purchase-unknown-next = Vérifiez de nouveau : l'application demande à Flexiti ce qu'il est advenu de cette transaction précise, sans jamais la porter deux fois au compte.
purchase-unknown-wait = Vous pourrez vérifier de nouveau dans { $seconds } s.
purchase-unknown-ready = Vous pouvez vérifier de nouveau.
purchase-check-again = Vérifier de nouveau
purchase-checking = Vérification en cours…
purchase-still-unknown = Toujours aucune réponse à { $time }. Vérifiez de nouveau dans une minute.

purchase-receipt-heading = Reçu
purchase-receipt-both = Les deux langues
purchase-receipt-print = Imprimer
purchase-receipt-quebec = Au Québec, le reçu est toujours en français, puis en anglais.
purchase-receipt-loading = Chargement du reçu…

customers-title = Client existant
customers-by-card = Par numéro de carte
customers-card-number = Numéro de la carte Flexiti
    .hint = 16 chiffres ; les espaces sont acceptées.
customers-find-card = Trouver le compte
customers-finding = Recherche du compte…
customers-by-name = Par nom et date de naissance
customers-first-name = Prénom
customers-last-name = Nom de famille
customers-dob = Date de naissance
    .hint = AAAA-MM-JJ, par exemple 1985-03-14
customers-dob-problem = Écrivez la date de naissance sous la forme AAAA-MM-JJ, par exemple 1985-03-14.
customers-postal-code = Code postal
customers-search = Rechercher
customers-searching = Recherche en cours…
customers-matches =
    { $count ->
        [0] Aucun compte trouvé
        [one] Un compte trouvé
       *[other] { $count } comptes trouvés
    }
customers-none = Aucun compte ne correspond. Vérifiez l'orthographe et la date de naissance, ou utilisez le numéro de carte.
customers-type-consumer = Compte personnel
customers-type-business = Compte d'entreprise
customers-pick = Commencer un achat
    .label = Commencer un achat pour { $name }, carte se terminant par { $last4 }

todays-title = Achats du jour
todays-loading = Chargement des achats du jour…
todays-empty = Aucun achat aujourd'hui sur ce terminal.
todays-time = Heure
todays-rep = Personnel de vente
todays-customer = Client
todays-card = Carte
todays-amount = Montant
todays-option = Option
todays-state = État
todays-actions = Actions
todays-plan = Plan { $plan }, { $term } mois
todays-state-done = Porté au compte
todays-state-held = En attente
todays-state-refused = Non porté au compte
todays-state-unknown = À vérifier
todays-flag-duplicate = Transaction possiblement en double : appelez Flexiti.
todays-flag-mismatch = Diffère de ce qui a été envoyé : avisez l'administrateur.
todays-receipt = Reçu
    .label = Reçu de { $time }, { $customer }

## After the sale and the day's report (issue 14)
# One purchase's operations and what may follow (capture, release, return, refund), the
# administrator's approval of one of them, "check again" and freeing an unknown outcome;
# the day's report. Amounts and dates arrive formatted; `reference` is the last 8 of it.

after-sale-title = Gérer un achat
after-sale-customer = { $customer }, carte se terminant par { $last4 } · référence { $reference }
after-sale-back = Revenir
after-sale-loading = Chargement de l'achat…
after-sale-operations = Opérations
after-sale-col-kind = Opération
after-sale-col-time = Heure
after-sale-col-amount = Montant
after-sale-col-state = État
after-sale-col-ids = Numéros de Flexiti
after-sale-col-approved = Approuvée par
after-sale-col-actions = Actions
after-sale-kind-sale = Vente
after-sale-kind-hold = Achat en attente
after-sale-kind-capture = Encaissement
after-sale-kind-release = Libération
after-sale-kind-return = Retour
after-sale-kind-refund = Remboursement
after-sale-state-done = Effectuée
after-sale-state-refused = Refusée
after-sale-state-unknown = À vérifier
after-sale-state-freed = Déverrouillée
after-sale-flag-duplicate = Transaction possiblement en double : appelez Flexiti.
after-sale-flag-mismatch = Diffère de ce qui a été envoyé : avisez l'administrateur.
after-sale-id-authorization = Autorisation { $id }
after-sale-id-capture = Encaissement { $id }
after-sale-id-return = Retour { $id }
after-sale-by-administrator = Administrateur
after-sale-by-sandbox = Bac à sable (sans phrase de passe)
after-sale-receipt = Reçu
    .label = Reçu : { $kind }, { $time }
after-sale-check-again = Vérifier de nouveau
after-sale-free = Permettre un nouvel envoi
after-sale-next = Après la vente
after-sale-hold-age = { $days ->
        [0] En attente depuis aujourd'hui.
        [one] En attente depuis 1 jour.
       *[other] En attente depuis { $days } jours.
    }
after-sale-hold-old = Cet achat attend depuis { $days } jours. Encaissez-le ou libérez-le bientôt : d'ici là, le crédit du client reste bloqué, et un achat en attente laissé ouvert prend fin de lui-même.
after-sale-left-to-capture = Reste à encaisser : { $amount }
after-sale-left-charged = Porté au compte et pas encore crédité : { $amount }
after-sale-return-window = Retour possible jusqu'au { $date } : { $days ->
        [0] aujourd'hui est le dernier des 100 jours
        [one] il reste 1 jour sur 100
       *[other] il reste { $days } jours sur 100
    }.
after-sale-return-over = La période de retour de 100 jours a pris fin le { $date }. Le client peut appeler Flexiti.
after-sale-refund-note = Un achat courant se rembourse sans limite de temps.
after-sale-nothing-left = Il ne reste rien sur cet achat : plus rien à faire.
after-sale-not-charged = Cet achat n'a pas été porté au compte : il n'y a rien à faire après la vente.
after-sale-in-flight = Une opération de cet achat attend sa réponse. Vérifiez-la de nouveau d'abord.
after-sale-capture = Encaisser
after-sale-release = Libérer
after-sale-return = Faire un retour
after-sale-refund = Rembourser
after-sale-form-capture = Encaisser l'achat en attente
after-sale-form-release = Libérer l'achat en attente
after-sale-form-return = Retour sur un plan de paiement
after-sale-form-refund = Rembourser un achat courant
after-sale-form-free = Permettre un nouvel envoi
after-sale-free-intro = La réponse de Flexiti à cette opération n'est jamais revenue. Déverrouillée, elle compte comme non effectuée, et l'achat peut être envoyé de nouveau. Si Flexiti l'a tout de même enregistrée, le rapport du jour l'indiquera.
after-sale-amount = Montant
after-sale-amount-hint = Laissez vide pour tout ce qui reste ({ $amount }).
after-sale-amount-invalid = Entrez un montant, p. ex. 40,00.
after-sale-amount-too-high = C'est plus que ce qui reste ({ $amount }).
after-sale-reason = Motif
after-sale-reason-missing = Inscrivez le motif.
after-sale-admin-note = La phrase de passe de l'administrateur sera demandée.
after-sale-continue = Continuer
after-sale-cancel = Annuler
after-sale-confirm-capture = Porter { $amount } de cet achat en attente au compte de { $customer } ?
after-sale-confirm-release = Libérer { $amount } de cet achat en attente ? { $customer } récupère ce crédit.
after-sale-confirm-return = Créditer { $amount } au compte de { $customer } pour un retour ?
after-sale-confirm-refund = Rembourser { $amount } au compte de { $customer } ?
after-sale-confirm-free = Déverrouiller cette opération de { $amount } pour un nouvel envoi ?
after-sale-confirm-yes = Confirmer
after-sale-confirm-no = Revenir
after-sale-approval-title = Approbation de l'administrateur
after-sale-approval-intro = L'administrateur approuve cette opération en entrant sa phrase de passe.
after-sale-approve = Approuver
after-sale-busy = Envoi en cours…
after-sale-done-capture = Encaissement effectué : { $amount }.
after-sale-done-release = Libération effectuée : { $amount }.
after-sale-done-return = Retour effectué : { $amount }.
after-sale-done-refund = Remboursement effectué : { $amount }.
after-sale-done-sale = Vérifié : Flexiti a enregistré la vente de { $amount }.
after-sale-done-hold = Vérifié : Flexiti a enregistré l'achat en attente de { $amount }.
after-sale-unknown = L'opération a été envoyée, mais aucune réponse n'est revenue. Vérifiez-la de nouveau avant toute autre chose.
after-sale-checked-refused = Vérifié : Flexiti ne l'a pas enregistrée. Rien n'a été porté au compte ni crédité.
after-sale-checked-unknown = Toujours aucune réponse de Flexiti. Vérifiez de nouveau dans un moment.
after-sale-freed = L'opération est déverrouillée : elle compte comme non effectuée.
after-sale-option-regular = Achat courant
after-sale-option-plan = Plan { $plan } · { $term } mois
after-sale-manage = Gérer
    .label = Gérer l'achat de { $time }, { $customer }

home-report-title = Rapport du jour
home-report-hint = Les totaux par membre du personnel et par plan, comparés à la liste de Flexiti, à exporter en CSV.
home-report-open = Afficher le rapport

report-title = Rapport du jour
report-date = Jour
report-date-placeholder = AAAA-MM-JJ
report-date-hint = Au format AAAA-MM-JJ.
report-date-invalid = Entrez une date réelle au format AAAA-MM-JJ.
report-show = Afficher
report-loading = Préparation du rapport…
report-of = Rapport du { $date }
report-export = Exporter en CSV
report-exported = { $name } se trouve dans les téléchargements.
report-col-rep = Personnel de vente
report-col-kind = Opération
report-col-option = Option
report-col-count = Nombre
report-col-total = Total
report-net = Net de la journée
report-net-hint = Ventes et encaissements, moins les retours et les remboursements ; les achats en attente et les libérations ne déplacent pas d'argent.
report-empty = Aucune opération sur ce terminal ce jour-là.
report-not-reconciled = La liste de Flexiti n'a pas répondu : ces totaux sont ceux de ce terminal seulement, sans comparaison avec Flexiti. Affichez le rapport de nouveau plus tard.
report-mismatches = Écarts avec Flexiti
report-matches = La liste de Flexiti concorde avec le journal de ce terminal.
report-mismatch-missing-at-flexiti = L'achat { $reference } ({ $journal }) est effectué ici, mais absent de la liste de Flexiti. Appelez Flexiti avant de le refaire.
report-mismatch-unknown-here = Flexiti a enregistré l'achat { $reference } ({ $flexiti }), que ce terminal n'a pas confirmé. Vérifiez-le de nouveau à partir des achats du jour.
report-mismatch-amount = Achat { $reference } : { $journal } ici, { $flexiti } chez Flexiti. Avisez l'administrateur.
report-mismatch-duplicate = L'achat { $reference } a une deuxième autorisation chez Flexiti (numéro { $id }, { $flexiti }) : transaction possiblement en double, appelez Flexiti.
report-mismatch-not-ours = Flexiti indique l'autorisation { $id } ({ $flexiti }) pour ce magasin, mais ce terminal n'en a aucune trace.
report-mismatch-other = L'achat { $reference } diffère entre ce terminal et Flexiti. Avisez l'administrateur.
after-sale-manage-hint = Pour encaisser, libérer, faire un retour ou rembourser, choisissez le nom du client.
