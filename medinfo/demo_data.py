"""Demo content for MedInfo: drug classes, conditions, drugs, articles and reviewers.

This is demonstration content written for MedInfo, in its own words; no sentence is
copied from another website. The drug facts (brand names, classes, approved and
off-label uses, minimum approved ages and controlled-substance schedules) were written
to match current US prescribing information (FDA labelling); off-label uses are limited
to well-documented ones. A pharmacist should still re-check them before the content is
used for real patients. The reviewer profiles are fictional.

The module is plain data, read by the demo loader:

* ``DRUG_CLASSES``: one dict per ``drugs.DrugClass``.
* ``CONDITIONS``: one dict per ``conditions.Condition``; ``symptoms`` is an ordered list of
  ``(name, note)`` pairs. Symptoms are shared objects matched case-insensitively by name,
  so a symptom two conditions share is spelt identically in both.
* ``DRUGS``: one dict per ``drugs.Drug``; ``drug_class`` is a class slug (or ``None``),
  ``brands`` holds ``(name, mark, slug)`` and ``uses`` holds
  ``(condition slug, "approved" | "off_label", note)``, both in display order.
* ``ARTICLES``: one dict per article; ``subject`` is ``("drug" | "condition", slug)``,
  ``related`` lists ``(subject kind, subject slug, article slug)`` of other articles here,
  and ``state`` is ``"live"``, ``"in_review"`` or ``"draft"``.
* ``DEMO_REVIEWERS``: the pharmacist reviewers and the usernames of their accounts.
"""

DRUG_CLASSES = [
    {
        "name": "serotonin-norepinephrine reuptake inhibitors",
        "abbreviation": "SNRI",
        "slug": "snri",
        "description": (
            "Medicines that raise the levels of serotonin and norepinephrine, two chemical "
            "messengers in the brain and spinal cord. They are used for depression, anxiety and "
            "some long-lasting pain conditions."
        ),
    },
    {
        "name": "selective serotonin reuptake inhibitors",
        "abbreviation": "SSRI",
        "slug": "ssri",
        "description": (
            "Medicines that leave more serotonin available to carry signals between nerve cells by "
            "slowing its reabsorption. They are the most widely prescribed antidepressants."
        ),
    },
    {
        "name": "angiotensin-converting enzyme inhibitors",
        "abbreviation": "ACE inhibitor",
        "slug": "ace-inhibitors",
        "description": (
            "Medicines that block the enzyme the body uses to make angiotensin II, a hormone that "
            "narrows blood vessels. They relax blood vessels, lowering blood pressure and easing "
            "the heart’s workload."
        ),
    },
    {
        "name": "biguanides",
        "abbreviation": "",
        "slug": "biguanides",
        "description": (
            "Diabetes medicines that cut the amount of sugar the liver releases and help the body "
            "respond better to insulin. Metformin is the only one in use today."
        ),
    },
    {
        "name": "statins",
        "abbreviation": "",
        "slug": "statins",
        "description": (
            "Medicines that slow the liver’s production of cholesterol by blocking the enzyme "
            "HMG-CoA reductase. They lower LDL cholesterol and the risk of heart attack and stroke."
        ),
    },
    {
        "name": "proton pump inhibitors",
        "abbreviation": "PPI",
        "slug": "ppi",
        "description": (
            "Medicines that reduce stomach acid by switching off the acid-releasing pumps in the "
            "stomach lining."
        ),
    },
    {
        "name": "thyroid hormones",
        "abbreviation": "",
        "slug": "thyroid-hormones",
        "description": (
            "Man-made or natural forms of the hormones made by the thyroid gland, used to replace "
            "hormone the body cannot make."
        ),
    },
    {
        "name": "triptans",
        "abbreviation": "",
        "slug": "triptans",
        "description": (
            "Migraine medicines that act on serotonin receptors to narrow swollen blood vessels in "
            "the head and block the release of pain-causing substances."
        ),
    },
    {
        "name": "short-acting beta-agonists",
        "abbreviation": "SABA",
        "slug": "saba",
        "description": (
            "Quick-relief inhaled medicines that relax the muscles around the airways within "
            "minutes, making it easier to breathe."
        ),
    },
    {
        "name": "nonsteroidal anti-inflammatory drugs",
        "abbreviation": "NSAID",
        "slug": "nsaid",
        "description": (
            "Medicines that ease pain, fever and inflammation by blocking the COX enzymes the body "
            "uses to make prostaglandins."
        ),
    },
    {
        "name": "benzodiazepines",
        "abbreviation": "",
        "slug": "benzodiazepines",
        "description": (
            "Calming medicines that strengthen the effect of GABA, a brain chemical that quiets "
            "nerve activity. They are used for anxiety, panic, seizures and some sleep problems."
        ),
    },
]

CONDITIONS = [
    {
        "name": "fibromyalgia",
        "slug": "fibromyalgia",
        "definition": (
            "A long-term disorder that causes widespread muscle pain, tenderness and fatigue."
        ),
        "other_names": "fibromyalgia syndrome, FMS",
        "symptoms": [
            ("Trouble sleeping", ""),
            ("Morning stiffness", ""),
            ("Headaches", ""),
            ("Painful menstrual periods", ""),
            ("Tingling or numbness in the hands and feet", ""),
            ("Problems with thinking and memory", "sometimes called “fibro fog”"),
        ],
    },
    {
        "name": "obsessive-compulsive disorder",
        "slug": "obsessive-compulsive-disorder",
        "definition": (
            "A mental health condition in which unwanted, recurring thoughts (obsessions) drive "
            "repeated behaviors or mental rituals (compulsions)."
        ),
        "other_names": "OCD",
        "symptoms": [
            ("Unwanted, intrusive thoughts or images", ""),
            ("Fear of germs or contamination", ""),
            ("Excessive hand washing or cleaning", ""),
            ("Repeated checking", "for example, of locks, stoves or switches"),
            ("A strong need for order or symmetry", ""),
            ("Counting or repeating words silently", ""),
            ("Distress when rituals are interrupted", ""),
        ],
    },
    {
        "name": "depression",
        "slug": "depression",
        "definition": (
            "A common mood disorder that causes a lasting low mood or loss of interest and affects "
            "how a person thinks, feels and handles daily life."
        ),
        "other_names": "major depressive disorder, clinical depression, MDD",
        "symptoms": [
            ("Persistent sad or empty mood", ""),
            ("Loss of interest in activities once enjoyed", ""),
            ("Fatigue", ""),
            ("Trouble sleeping", "or sleeping much more than usual"),
            ("Changes in appetite or weight", ""),
            ("Trouble concentrating", ""),
            ("Feelings of worthlessness or guilt", ""),
            ("Thoughts of death or suicide", "get help right away"),
        ],
    },
    {
        "name": "stress incontinence",
        "slug": "stress-incontinence",
        "definition": (
            "Leaking of urine that happens when pressure on the bladder rises suddenly, such as "
            "during a cough, sneeze or lift."
        ),
        "other_names": "stress urinary incontinence, SUI",
        "symptoms": [
            ("Leaking urine when coughing or sneezing", ""),
            ("Leaking urine when laughing", ""),
            ("Leaking urine during exercise or heavy lifting", ""),
            ("Leaking urine when standing up", ""),
            ("Leaking urine during sex", ""),
        ],
    },
    {
        "name": "generalized anxiety disorder",
        "slug": "generalized-anxiety-disorder",
        "definition": (
            "A condition marked by excessive, hard-to-control worry about many everyday matters on "
            "most days for at least six months."
        ),
        "other_names": "GAD",
        "symptoms": [
            ("Excessive worry", ""),
            ("Restlessness", "or feeling keyed up or on edge"),
            ("Fatigue", ""),
            ("Trouble concentrating", ""),
            ("Irritability", ""),
            ("Muscle tension", ""),
            ("Trouble sleeping", ""),
        ],
    },
    {
        "name": "panic disorder",
        "slug": "panic-disorder",
        "definition": (
            "An anxiety disorder in which repeated, unexpected panic attacks lead to lasting worry "
            "about having more of them."
        ),
        "other_names": "",
        "symptoms": [
            ("Pounding or racing heart", ""),
            ("Sweating", ""),
            ("Trembling or shaking", ""),
            ("Shortness of breath", ""),
            ("Chest pain", ""),
            ("Dizziness", "or feeling faint"),
            ("Fear of losing control or dying", ""),
        ],
    },
    {
        "name": "social anxiety disorder",
        "slug": "social-anxiety-disorder",
        "definition": (
            "An intense, lasting fear of being watched or judged by others that leads a person to "
            "dread or avoid social situations."
        ),
        "other_names": "social phobia",
        "symptoms": [
            ("Intense fear of being judged or embarrassed", ""),
            ("Avoiding social situations", ""),
            ("Blushing", ""),
            ("Sweating", ""),
            ("Trembling or shaking", ""),
            ("Pounding or racing heart", ""),
            ("Mind going blank", ""),
        ],
    },
    {
        "name": "post-traumatic stress disorder",
        "slug": "post-traumatic-stress-disorder",
        "definition": (
            "A condition that can develop after a frightening or dangerous event, causing "
            "distressing memories and a lasting sense of threat."
        ),
        "other_names": "PTSD",
        "symptoms": [
            ("Flashbacks or intrusive memories", ""),
            ("Nightmares", ""),
            ("Avoiding reminders of the event", ""),
            ("Feeling on edge or easily startled", ""),
            ("Lasting guilt, shame or blame", ""),
            ("Trouble sleeping", ""),
            ("Irritability", "including angry outbursts"),
        ],
    },
    {
        "name": "premenstrual dysphoric disorder",
        "slug": "premenstrual-dysphoric-disorder",
        "definition": (
            "A severe form of premenstrual syndrome in which mood and physical symptoms in the "
            "week or two before a period disrupt daily life."
        ),
        "other_names": "PMDD",
        "symptoms": [
            ("Mood swings", ""),
            ("Irritability", "or anger"),
            ("Feeling sad or hopeless", ""),
            ("Anxiety or tension", ""),
            ("Fatigue", ""),
            ("Trouble concentrating", ""),
            ("Bloating", ""),
            ("Breast tenderness", ""),
        ],
    },
    {
        "name": "bulimia nervosa",
        "slug": "bulimia-nervosa",
        "definition": (
            "An eating disorder in which episodes of binge eating are followed by attempts to make "
            "up for them, such as vomiting, fasting or over-exercising."
        ),
        "other_names": "bulimia",
        "symptoms": [
            ("Eating large amounts of food in a short time", ""),
            ("Feeling a loss of control over eating", ""),
            ("Self-induced vomiting or misuse of laxatives", ""),
            ("Strong focus on body shape and weight", ""),
            ("Sore throat", "that keeps coming back"),
            ("Swollen cheeks or jaw", ""),
            ("Worn tooth enamel", ""),
        ],
    },
    {
        "name": "diabetic neuropathy",
        "slug": "diabetic-neuropathy",
        "definition": (
            "Nerve damage caused by long-term high blood sugar, most often affecting the feet and "
            "legs."
        ),
        "other_names": "diabetic peripheral neuropathy, diabetic nerve pain",
        "symptoms": [
            ("Tingling or numbness in the hands and feet", "usually starting in the toes"),
            ("Burning pain", ""),
            ("Sharp or shooting pains", "often worse at night"),
            ("Increased sensitivity to touch", ""),
            ("Muscle weakness", ""),
            ("Loss of balance and coordination", ""),
            ("Foot sores that are slow to heal", ""),
        ],
    },
    {
        "name": "hypertension",
        "slug": "hypertension",
        "definition": (
            "A long-term condition in which the force of blood against the artery walls stays too "
            "high."
        ),
        "other_names": "high blood pressure",
        "symptoms": [
            ("Often no symptoms", "many people feel well until complications develop"),
            ("Headaches", "mainly when blood pressure is very high"),
            ("Shortness of breath", "mainly when blood pressure is very high"),
            ("Nosebleeds", ""),
            ("Chest pain", ""),
            ("Vision changes", ""),
        ],
    },
    {
        "name": "heart failure",
        "slug": "heart-failure",
        "definition": (
            "A long-term condition in which the heart cannot pump blood as well as the body needs."
        ),
        "other_names": "congestive heart failure, CHF",
        "symptoms": [
            ("Shortness of breath", "with activity or when lying flat"),
            ("Fatigue", ""),
            ("Swelling in the legs, ankles or feet", ""),
            ("Sudden weight gain", "from fluid build-up"),
            ("Coughing", "sometimes with white or pink-tinged mucus"),
            ("Pounding or racing heart", ""),
            ("Reduced ability to exercise", ""),
        ],
    },
    {
        "name": "type 2 diabetes",
        "slug": "type-2-diabetes",
        "definition": (
            "A long-term condition in which the body does not use insulin well, so blood sugar "
            "levels stay too high."
        ),
        "other_names": "type 2 diabetes mellitus, adult-onset diabetes",
        "symptoms": [
            ("Increased thirst", ""),
            ("Frequent urination", ""),
            ("Increased hunger", ""),
            ("Fatigue", ""),
            ("Blurred vision", ""),
            ("Slow-healing cuts or sores", ""),
            ("Tingling or numbness in the hands and feet", ""),
            ("Frequent infections", ""),
        ],
    },
    {
        "name": "high cholesterol",
        "slug": "high-cholesterol",
        "definition": (
            "Having too much LDL (“bad”) cholesterol or other fats in the blood, which raises the "
            "risk of heart disease and stroke."
        ),
        "other_names": "hypercholesterolemia, hyperlipidemia",
        "symptoms": [
            ("Often no symptoms", "found with a blood test"),
            ("Yellowish fatty bumps on the skin", "mainly in inherited forms"),
            ("A pale ring around the colored part of the eye", "mainly in inherited forms"),
            ("Chest pain", "when narrowed arteries reduce blood flow to the heart"),
        ],
    },
    {
        "name": "gastroesophageal reflux disease",
        "slug": "gerd",
        "definition": (
            "A long-term condition in which stomach acid repeatedly flows back into the esophagus "
            "and irritates its lining."
        ),
        "other_names": "GERD, acid reflux, chronic heartburn",
        "symptoms": [
            ("Heartburn", "a burning feeling behind the breastbone"),
            ("Regurgitation of food or sour liquid", ""),
            ("Chest pain", ""),
            ("Trouble swallowing", ""),
            ("Feeling of a lump in the throat", ""),
            ("Coughing", "especially at night"),
            ("Hoarseness", ""),
        ],
    },
    {
        "name": "hypothyroidism",
        "slug": "hypothyroidism",
        "definition": (
            "A condition in which the thyroid gland does not make enough thyroid hormone, slowing "
            "many of the body’s processes."
        ),
        "other_names": "underactive thyroid",
        "symptoms": [
            ("Fatigue", ""),
            ("Sensitivity to cold", ""),
            ("Weight gain", ""),
            ("Constipation", ""),
            ("Dry skin", ""),
            ("Thinning hair", ""),
            ("Problems with thinking and memory", ""),
            ("Heavy or irregular menstrual periods", ""),
        ],
    },
    {
        "name": "migraine",
        "slug": "migraine",
        "definition": (
            "A neurological condition that causes repeated attacks of moderate to severe, often "
            "throbbing head pain, usually with other symptoms."
        ),
        "other_names": "migraine headache",
        "symptoms": [
            ("Throbbing or pulsing head pain", "often on one side"),
            ("Nausea", ""),
            ("Vomiting", ""),
            ("Sensitivity to light", ""),
            ("Sensitivity to sound", ""),
            ("Visual disturbances", "called aura; not everyone has them"),
        ],
    },
    {
        "name": "asthma",
        "slug": "asthma",
        "definition": (
            "A long-term lung condition in which the airways become inflamed and narrowed, making "
            "it hard to breathe at times."
        ),
        "other_names": "bronchial asthma",
        "symptoms": [
            ("Shortness of breath", ""),
            ("Wheezing", ""),
            ("Chest tightness", ""),
            ("Coughing", "often worse at night or early in the morning"),
            ("Trouble sleeping", "because of coughing or wheezing"),
        ],
    },
    {
        "name": "osteoarthritis",
        "slug": "osteoarthritis",
        "definition": (
            "The most common type of arthritis, in which the cartilage cushioning the ends of the "
            "bones gradually wears down."
        ),
        "other_names": "OA, degenerative joint disease, wear-and-tear arthritis",
        "symptoms": [
            ("Joint pain", "often worse after activity"),
            ("Morning stiffness", "usually easing within 30 minutes"),
            ("Swelling around a joint", ""),
            ("Reduced range of motion", ""),
            ("Grating or clicking when a joint moves", ""),
        ],
    },
    {
        "name": "menstrual cramps",
        "slug": "menstrual-cramps",
        "definition": (
            "Throbbing or cramping pain in the lower abdomen that occurs just before or during a "
            "menstrual period."
        ),
        "other_names": "dysmenorrhea, period pain",
        "symptoms": [
            ("Cramping pain in the lower abdomen", ""),
            ("Lower back pain", ""),
            ("Pain spreading to the thighs", ""),
            ("Nausea", ""),
            ("Loose stools", ""),
            ("Headaches", ""),
            ("Dizziness", ""),
        ],
    },
]

DRUGS = [
    {
        "generic_name": "milnacipran",
        "official_name": "milnacipran hydrochloride",
        "slug": "milnacipran",
        "drug_class": "snri",
        "prescription_status": "prescription",
        "controlled_schedule": "",
        "minimum_age": 17,
        "summary": (
            "A prescription SNRI medicine approved to ease pain and improve daily functioning in "
            "adults with fibromyalgia."
        ),
        "brands": [
            ("Savella", "®", "savella"),
        ],
        "uses": [
            ("fibromyalgia", "approved", "especially useful for relieving fibromyalgia pain"),
            ("obsessive-compulsive-disorder", "off_label", ""),
            ("depression", "off_label", ""),
            ("stress-incontinence", "off_label", ""),
        ],
    },
    {
        "generic_name": "duloxetine",
        "official_name": "duloxetine hydrochloride",
        "slug": "duloxetine",
        "drug_class": "snri",
        "prescription_status": "prescription",
        "controlled_schedule": "",
        "minimum_age": 7,
        "summary": (
            "A prescription SNRI used for depression, anxiety and several long-lasting pain "
            "conditions, including fibromyalgia and diabetic nerve pain."
        ),
        "brands": [
            ("Cymbalta", "®", "cymbalta"),
        ],
        "uses": [
            ("depression", "approved", "for adults only"),
            (
                "generalized-anxiety-disorder",
                "approved",
                "for adults and children aged 7 and older",
            ),
            ("diabetic-neuropathy", "approved", "relieves diabetic nerve pain in adults"),
            ("fibromyalgia", "approved", "for adults and teenagers aged 13 and older"),
            (
                "osteoarthritis",
                "approved",
                (
                    "approved for chronic musculoskeletal pain, such as osteoarthritis knee pain "
                    "and chronic low back pain"
                ),
            ),
            (
                "stress-incontinence",
                "off_label",
                "approved for this use in Europe but not in the United States",
            ),
        ],
    },
    {
        "generic_name": "venlafaxine",
        "official_name": "venlafaxine hydrochloride",
        "slug": "venlafaxine",
        "drug_class": "snri",
        "prescription_status": "prescription",
        "controlled_schedule": "",
        "minimum_age": None,
        "summary": (
            "A prescription SNRI antidepressant whose extended-release form is also approved for "
            "generalized anxiety, social anxiety and panic disorder."
        ),
        "brands": [
            ("Effexor XR", "®", "effexor-xr"),
        ],
        "uses": [
            ("depression", "approved", ""),
            ("generalized-anxiety-disorder", "approved", "extended-release form"),
            ("social-anxiety-disorder", "approved", "extended-release form"),
            ("panic-disorder", "approved", "extended-release capsules"),
            ("migraine", "off_label", "sometimes used to help prevent migraine attacks"),
            ("diabetic-neuropathy", "off_label", "used to ease nerve pain"),
            ("post-traumatic-stress-disorder", "off_label", ""),
        ],
    },
    {
        "generic_name": "sertraline",
        "official_name": "sertraline hydrochloride",
        "slug": "sertraline",
        "drug_class": "ssri",
        "prescription_status": "prescription",
        "controlled_schedule": "",
        "minimum_age": 6,
        "summary": (
            "A widely prescribed SSRI antidepressant that also treats OCD, panic disorder, PTSD, "
            "social anxiety disorder and PMDD."
        ),
        "brands": [
            ("Zoloft", "®", "zoloft"),
        ],
        "uses": [
            ("depression", "approved", ""),
            (
                "obsessive-compulsive-disorder",
                "approved",
                "for adults and children aged 6 and older",
            ),
            ("panic-disorder", "approved", ""),
            ("post-traumatic-stress-disorder", "approved", ""),
            ("social-anxiety-disorder", "approved", ""),
            (
                "premenstrual-dysphoric-disorder",
                "approved",
                "taken daily or only in the two weeks before a period",
            ),
            ("generalized-anxiety-disorder", "off_label", ""),
        ],
    },
    {
        "generic_name": "fluoxetine",
        "official_name": "fluoxetine hydrochloride",
        "slug": "fluoxetine",
        "drug_class": "ssri",
        "prescription_status": "prescription",
        "controlled_schedule": "",
        "minimum_age": 7,
        "summary": (
            "A long-acting SSRI antidepressant also approved for OCD, bulimia nervosa, panic "
            "disorder and PMDD."
        ),
        "brands": [
            ("Prozac", "®", "prozac"),
            ("Sarafem", "®", "sarafem"),
        ],
        "uses": [
            ("depression", "approved", "for adults and children aged 8 and older"),
            (
                "obsessive-compulsive-disorder",
                "approved",
                "for adults and children aged 7 and older",
            ),
            ("bulimia-nervosa", "approved", "reduces binge eating and vomiting"),
            ("panic-disorder", "approved", ""),
            ("premenstrual-dysphoric-disorder", "approved", "sold for this use as Sarafem"),
            ("post-traumatic-stress-disorder", "off_label", ""),
        ],
    },
    {
        "generic_name": "lisinopril",
        "official_name": "lisinopril",
        "slug": "lisinopril",
        "drug_class": "ace-inhibitors",
        "prescription_status": "prescription",
        "controlled_schedule": "",
        "minimum_age": 6,
        "summary": (
            "A once-a-day ACE inhibitor that lowers blood pressure and helps the heart work more "
            "easily in heart failure."
        ),
        "brands": [
            ("Zestril", "®", "zestril"),
            ("Prinivil", "®", "prinivil"),
        ],
        "uses": [
            ("hypertension", "approved", "for adults and children aged 6 and older"),
            ("heart-failure", "approved", "used together with other heart failure medicines"),
            ("migraine", "off_label", "sometimes used to help prevent migraine attacks"),
        ],
    },
    {
        "generic_name": "metformin",
        "official_name": "metformin hydrochloride",
        "slug": "metformin",
        "drug_class": "biguanides",
        "prescription_status": "prescription",
        "controlled_schedule": "",
        "minimum_age": 10,
        "summary": (
            "A prescription medicine that lowers blood sugar and is usually the first one tried "
            "for type 2 diabetes."
        ),
        "brands": [
            ("Glucophage", "®", "glucophage"),
        ],
        "uses": [
            ("type-2-diabetes", "approved", "used alongside diet and exercise"),
        ],
    },
    {
        "generic_name": "atorvastatin",
        "official_name": "atorvastatin calcium",
        "slug": "atorvastatin",
        "drug_class": "statins",
        "prescription_status": "prescription",
        "controlled_schedule": "",
        "minimum_age": 10,
        "summary": (
            "A statin that lowers LDL cholesterol and reduces the risk of heart attack and stroke."
        ),
        "brands": [
            ("Lipitor", "®", "lipitor"),
        ],
        "uses": [
            (
                "high-cholesterol",
                "approved",
                "also lowers the risk of heart attack and stroke in people at higher risk",
            ),
        ],
    },
    {
        "generic_name": "omeprazole",
        "official_name": "omeprazole",
        "slug": "omeprazole",
        "drug_class": "ppi",
        "prescription_status": "prescription",
        "controlled_schedule": "",
        "minimum_age": None,
        "summary": (
            "A proton pump inhibitor that reduces stomach acid to treat GERD and ulcers; a version "
            "for frequent heartburn is sold over the counter."
        ),
        "brands": [
            ("Prilosec", "®", "prilosec"),
        ],
        "uses": [
            ("gerd", "approved", "also heals acid damage to the esophagus"),
        ],
    },
    {
        "generic_name": "levothyroxine",
        "official_name": "levothyroxine sodium",
        "slug": "levothyroxine",
        "drug_class": "thyroid-hormones",
        "prescription_status": "prescription",
        "controlled_schedule": "",
        "minimum_age": None,
        "summary": (
            "A man-made form of the thyroid hormone thyroxine that replaces the hormone an "
            "underactive thyroid cannot make."
        ),
        "brands": [
            ("Synthroid", "®", "synthroid"),
            ("Levoxyl", "®", "levoxyl"),
            ("Unithroid", "®", "unithroid"),
        ],
        "uses": [
            ("hypothyroidism", "approved", "suitable for all ages, including newborns"),
        ],
    },
    {
        "generic_name": "sumatriptan",
        "official_name": "sumatriptan succinate",
        "slug": "sumatriptan",
        "drug_class": "triptans",
        "prescription_status": "prescription",
        "controlled_schedule": "",
        "minimum_age": None,
        "summary": "A triptan that relieves migraine attacks once they have started.",
        "brands": [
            ("Imitrex", "®", "imitrex"),
        ],
        "uses": [
            ("migraine", "approved", "treats attacks but does not prevent them"),
        ],
    },
    {
        "generic_name": "albuterol",
        "official_name": "albuterol sulfate",
        "slug": "albuterol",
        "drug_class": "saba",
        "prescription_status": "prescription",
        "controlled_schedule": "",
        "minimum_age": None,
        "summary": (
            "A quick-relief medicine that opens the airways within minutes during asthma symptoms."
        ),
        "brands": [
            ("ProAir", "®", "proair"),
            ("Ventolin", "®", "ventolin"),
        ],
        "uses": [
            (
                "asthma",
                "approved",
                "relieves sudden symptoms and prevents exercise-induced symptoms",
            ),
        ],
    },
    {
        "generic_name": "ibuprofen",
        "official_name": "ibuprofen",
        "slug": "ibuprofen",
        "drug_class": "nsaid",
        "prescription_status": "otc",
        "controlled_schedule": "",
        "minimum_age": None,
        "summary": (
            "A nonprescription NSAID that relieves pain, lowers fever and reduces inflammation."
        ),
        "brands": [
            ("Advil", "®", "advil"),
            ("Motrin", "®", "motrin"),
        ],
        "uses": [
            (
                "osteoarthritis",
                "approved",
                "eases arthritis pain; higher strengths need a prescription",
            ),
            ("menstrual-cramps", "approved", ""),
            ("migraine", "approved", "some products are labeled for migraine pain"),
        ],
    },
    {
        "generic_name": "alprazolam",
        "official_name": "alprazolam",
        "slug": "alprazolam",
        "drug_class": "benzodiazepines",
        "prescription_status": "controlled",
        "controlled_schedule": "IV",
        "minimum_age": None,
        "summary": (
            "A fast-acting benzodiazepine for anxiety and panic disorder that is controlled "
            "because it can cause dependence."
        ),
        "brands": [
            ("Xanax", "®", "xanax"),
        ],
        "uses": [
            (
                "generalized-anxiety-disorder",
                "approved",
                "usually prescribed for the shortest time that helps",
            ),
            ("panic-disorder", "approved", "with or without agoraphobia"),
        ],
    },
]

ARTICLES = [
    {
        "subject": ("drug", "milnacipran"),
        "kind": "uses",
        "slug": "uses",
        "title": "What Is Milnacipran Used For?",
        "lead": (
            "Milnacipran is a prescription medicine that can ease pain and help people with "
            "fibromyalgia manage everyday physical activities more easily. It has not been studied "
            "well enough in anyone younger than 17, so it is not approved for children or "
            "teenagers. Healthcare providers occasionally prescribe it off-label for other "
            "conditions, including depression, obsessive-compulsive disorder and stress "
            "incontinence."
        ),
        "body": (
            "<h2>An Overview of Milnacipran Uses</h2>"
            "<p>Milnacipran hydrochloride, sold under the brand name Savella, is approved by the "
            "U.S. Food and Drug Administration (FDA) to treat "
            '<a href="/conditions/fibromyalgia/">fibromyalgia</a>. It is one of a group of '
            "medicines called serotonin-norepinephrine reuptake inhibitors, or SNRIs.</p>"
            "<p>Fibromyalgia is a long-lasting condition that causes aching muscles and tiredness. "
            "Many people who have it notice “tender points”: spots on the neck, shoulders, back, "
            "hips, arms and legs that hurt when pressed. Poor sleep, stiffness and trouble "
            "thinking clearly are also common; see "
            '<a href="/conditions/fibromyalgia/symptoms/">the symptoms of fibromyalgia</a> for '
            "more detail.</p>"
            "<p>Pain relief is where milnacipran tends to help most, but it can also make daily "
            "physical tasks feel more manageable for some people.</p>"
            "<h2>Can Children Take Milnacipran?</h2>"
            "<p>There is not enough research in people under 17 to show that milnacipran is safe "
            "and effective for them, so it is not approved for this age group. Because it is "
            "closely related to some antidepressants, it also carries a warning about a higher "
            "risk of suicidal thoughts and behaviors in children, teenagers and young adults.</p>"
            "<h2>Off-Label Uses of Milnacipran</h2>"
            "<p>Sometimes a healthcare provider recommends a medicine for a purpose the FDA has "
            "not approved; this is called “off-label” use. Milnacipran has been used off-label for "
            '<a href="/conditions/depression/">depression</a>, '
            '<a href="/conditions/obsessive-compulsive-disorder/">obsessive-compulsive '
            'disorder</a> and <a href="/conditions/stress-incontinence/">stress '
            "incontinence</a>. In several countries outside the United States, it is sold as an "
            "antidepressant.</p>"
            "<p>If you are unsure why milnacipran was prescribed for you, ask your healthcare "
            "provider.</p>"
            "<h2>How Does Milnacipran Work?</h2>"
            "<p>Nerve cells pass signals to one another using chemical messengers, and serotonin "
            "and norepinephrine are two of them. When a signal reaches the end of a nerve cell, "
            "the cell releases these chemicals into the tiny gap between it and its neighbor. If "
            "enough of the chemical reaches the next cell, it switches on receptors there and the "
            "signal carries on.</p>"
            "<p>The first cell then quickly soaks up whatever serotonin and norepinephrine is left "
            "in the gap, a step known as “reuptake.” SNRIs such as milnacipran slow this reuptake, "
            "so more of both chemicals stays available to carry signals. Even so, researchers do "
            "not fully understand how this effect relieves fibromyalgia pain.</p>"
        ),
        "search_description": (
            "What milnacipran (Savella) is approved to treat, why it is not approved under age 17, "
            "its off-label uses and how this SNRI works."
        ),
        "related": [
            ("condition", "fibromyalgia", "overview"),
            ("condition", "fibromyalgia", "symptoms"),
            ("drug", "duloxetine", "uses"),
        ],
        "state": "live",
    },
    {
        "subject": ("condition", "fibromyalgia"),
        "kind": "overview",
        "slug": "overview",
        "title": "What Is Fibromyalgia?",
        "lead": (
            "Fibromyalgia is a long-term condition that causes widespread pain and tenderness in "
            "the muscles and soft tissues, along with tiredness, poor sleep and trouble "
            "concentrating. It does not damage the joints or organs, but it can make everyday life "
            "hard. Treatment usually combines medicine, regular physical activity and healthy "
            "sleep habits."
        ),
        "body": (
            "<h2>What Causes Fibromyalgia?</h2>"
            "<p>The exact cause is unknown. Researchers believe the brain and spinal cord of "
            "people with fibromyalgia process pain signals differently, turning up the volume on "
            "pain. This is sometimes called central sensitization.</p>"
            "<p>Fibromyalgia tends to run in families and may first appear after an injury, an "
            "infection, surgery or a period of major emotional stress. It is diagnosed more often "
            "in women than in men and usually begins in middle adulthood, although it can affect "
            "anyone.</p>"
            "<h2>How Is Fibromyalgia Diagnosed?</h2>"
            "<p>No blood test or scan can confirm fibromyalgia. A healthcare provider makes the "
            "diagnosis based on widespread pain that has lasted at least three months, together "
            "with problems such as fatigue, unrefreshing sleep and fuzzy thinking. Tests may be "
            "used to rule out conditions that look similar, such as an underactive thyroid or "
            "rheumatoid arthritis.</p>"
            "<h2>How Is Fibromyalgia Treated?</h2>"
            "<p>Three medicines are approved in the United States for fibromyalgia: "
            '<a href="/drugs/milnacipran/">milnacipran</a>, '
            '<a href="/drugs/duloxetine/">duloxetine</a> and pregabalin. Gentle, regular '
            "exercise, such as walking, swimming or tai chi, is one of the most helpful non-drug "
            "treatments, and cognitive behavioral therapy, stress management and a steady sleep "
            "routine can also help.</p>"
            "<p>Your healthcare provider can work with you on a plan that fits your symptoms and "
            "goals.</p>"
        ),
        "search_description": (
            "Fibromyalgia explained: what may cause this long-term pain condition, how it is "
            "diagnosed and the main treatment options."
        ),
        "related": [
            ("condition", "fibromyalgia", "symptoms"),
            ("drug", "milnacipran", "uses"),
            ("drug", "duloxetine", "uses"),
        ],
        "state": "live",
    },
    {
        "subject": ("condition", "fibromyalgia"),
        "kind": "symptoms",
        "slug": "symptoms",
        "title": "What Are the Symptoms of Fibromyalgia?",
        "lead": (
            "The main symptom of fibromyalgia is widespread pain that lasts for months, often with "
            "tender spots that hurt at the lightest pressure. Many people also have tiredness, "
            "stiffness, poor sleep and difficulty thinking clearly. Symptoms often come and go, "
            "and they may flare with stress, changes in the weather or overdoing it."
        ),
        "body": (
            "<h2>Pain and Tender Points</h2>"
            "<p>Fibromyalgia pain is often described as a constant, dull ache felt on both sides "
            "of the body and both above and below the waist. Certain areas, such as the neck, "
            "shoulders, upper back, hips, arms and legs, may feel sore when only gently "
            "pressed.</p>"
            "<h2>Fatigue, Sleep and “Fibro Fog”</h2>"
            "<p>Many people wake up tired even after a long night in bed, because their sleep is "
            "light and often interrupted. Some also have restless legs syndrome or sleep apnea, "
            "which can add to the exhaustion.</p>"
            "<p>Trouble focusing, paying attention and remembering things, often called “fibro "
            "fog,” can be one of the most frustrating parts of the condition.</p>"
            "<h2>When to See a Healthcare Provider</h2>"
            "<p>Fibromyalgia shares symptoms with many other conditions, so talk to your "
            "healthcare provider if pain has spread through your body and lasted for several "
            "weeks, especially if it comes with poor sleep or fatigue. Treatments such as "
            '<a href="/drugs/milnacipran/">milnacipran</a> and regular gentle exercise can '
            "help.</p>"
        ),
        "search_description": (
            "The common symptoms of fibromyalgia, including widespread pain, tender points, "
            "fatigue, poor sleep and “fibro fog,” and when to get checked."
        ),
        "related": [
            ("condition", "fibromyalgia", "overview"),
            ("drug", "milnacipran", "uses"),
        ],
        "state": "live",
    },
    {
        "subject": ("drug", "duloxetine"),
        "kind": "uses",
        "slug": "uses",
        "title": "What Is Duloxetine Used For?",
        "lead": (
            "Duloxetine (Cymbalta) is a prescription medicine approved to treat depression, "
            "generalized anxiety disorder and several kinds of long-lasting pain, including "
            "fibromyalgia, diabetic nerve pain and chronic muscle and joint pain. Some uses are "
            "approved for children as young as 7. It is also prescribed off-label, for example for "
            "stress incontinence."
        ),
        "body": (
            "<h2>Approved Uses of Duloxetine</h2>"
            '<p>In adults, duloxetine is approved for <a href="/conditions/depression/">major '
            'depression</a> and <a href="/conditions/generalized-anxiety-disorder/">generalized '
            "anxiety disorder</a>. It is also approved to relieve nerve pain caused by "
            '<a href="/conditions/diabetic-neuropathy/">diabetic neuropathy</a>, the pain of '
            '<a href="/conditions/fibromyalgia/">fibromyalgia</a>, and chronic musculoskeletal '
            "pain, such as long-lasting low back pain or knee pain from "
            '<a href="/conditions/osteoarthritis/">osteoarthritis</a>.</p>'
            "<p>For younger people, duloxetine is approved for generalized anxiety disorder from "
            "age 7 and for fibromyalgia from age 13. It is not approved to treat depression in "
            "anyone under 18.</p>"
            "<h2>Off-Label Uses</h2>"
            "<p>Duloxetine is approved in Europe for women with stress urinary incontinence, and "
            "some U.S. healthcare providers prescribe it off-label for "
            '<a href="/conditions/stress-incontinence/">stress incontinence</a>. Nausea and '
            "other side effects lead many people to stop it, so it is usually not a first choice "
            "for this purpose.</p>"
            "<h2>How Does Duloxetine Work?</h2>"
            '<p>Like <a href="/drugs/milnacipran/">milnacipran</a> and '
            '<a href="/drugs/venlafaxine/">venlafaxine</a>, duloxetine is an SNRI. It slows the '
            "reabsorption of serotonin and norepinephrine, two chemical messengers that help "
            "regulate mood and quiet pain signals traveling through the spinal cord. Improvement "
            "in mood and anxiety may take several weeks.</p>"
            "<p>Do not stop taking duloxetine suddenly. Talk to your healthcare provider about "
            "lowering the dose gradually to avoid withdrawal symptoms.</p>"
        ),
        "search_description": (
            "What duloxetine (Cymbalta) treats, from depression and anxiety to fibromyalgia and "
            "diabetic nerve pain, plus off-label uses and how it works."
        ),
        "related": [
            ("condition", "fibromyalgia", "overview"),
            ("condition", "diabetic-neuropathy", "symptoms"),
            ("drug", "milnacipran", "uses"),
        ],
        "state": "live",
    },
    {
        "subject": ("drug", "venlafaxine"),
        "kind": "uses",
        "slug": "uses",
        "title": "What Is Venlafaxine Used For?",
        "lead": (
            "Venlafaxine is a prescription antidepressant used to treat depression. Its "
            "extended-release form (Effexor XR) is also approved for generalized anxiety disorder, "
            "social anxiety disorder and panic disorder. Healthcare providers sometimes prescribe "
            "it off-label, for example to help prevent migraines or ease nerve pain."
        ),
        "body": (
            "<h2>Approved Uses of Venlafaxine</h2>"
            '<p>Venlafaxine is approved for adults with <a href="/conditions/depression/">major '
            "depression</a>. The extended-release capsules, taken once a day, are also approved "
            'for <a href="/conditions/generalized-anxiety-disorder/">generalized anxiety '
            'disorder</a>, <a href="/conditions/social-anxiety-disorder/">social anxiety '
            'disorder</a> and <a href="/conditions/panic-disorder/">panic disorder</a>. It is '
            "not approved for children or teenagers.</p>"
            "<h2>Off-Label Uses</h2>"
            "<p>Because it affects pain pathways as well as mood, venlafaxine is sometimes used "
            'off-label to help prevent <a href="/conditions/migraine/">migraine</a> attacks and '
            'to relieve painful <a href="/conditions/diabetic-neuropathy/">diabetic '
            "neuropathy</a>. It is also among the medicines some treatment guidelines suggest for "
            '<a href="/conditions/post-traumatic-stress-disorder/">post-traumatic stress '
            "disorder</a>, and it can reduce hot flashes.</p>"
            "<h2>How Does Venlafaxine Work?</h2>"
            "<p>Venlafaxine is an SNRI. At lower doses it mainly increases serotonin, and at "
            "higher doses it boosts norepinephrine as well. It can raise blood pressure in some "
            "people, so your healthcare provider may check yours during treatment.</p>"
            "<p>Stopping venlafaxine suddenly can cause uncomfortable withdrawal symptoms, so plan "
            "any dose change with your provider.</p>"
        ),
        "search_description": (
            "The approved and off-label uses of venlafaxine (Effexor XR), an SNRI for depression, "
            "anxiety and panic disorder, and how it works."
        ),
        "related": [
            ("condition", "depression", "symptoms"),
            ("condition", "generalized-anxiety-disorder", "overview"),
            ("drug", "duloxetine", "uses"),
        ],
        "state": "live",
    },
    {
        "subject": ("drug", "sertraline"),
        "kind": "uses",
        "slug": "uses",
        "title": "What Is Sertraline Used For?",
        "lead": (
            "Sertraline (Zoloft) is a prescription SSRI antidepressant. Besides depression, it is "
            "approved for obsessive-compulsive disorder, panic disorder, post-traumatic stress "
            "disorder, social anxiety disorder and premenstrual dysphoric disorder. In children, "
            "it is approved only for OCD, from age 6."
        ),
        "body": (
            "<h2>Approved Uses of Sertraline</h2>"
            '<p>Sertraline is approved for adults with <a href="/conditions/depression/">major '
            "depression</a>, "
            '<a href="/conditions/obsessive-compulsive-disorder/">obsessive-compulsive '
            'disorder</a> (OCD), <a href="/conditions/panic-disorder/">panic disorder</a>, '
            '<a href="/conditions/post-traumatic-stress-disorder/">post-traumatic stress '
            'disorder</a> (PTSD), <a href="/conditions/social-anxiety-disorder/">social anxiety '
            "disorder</a> and "
            '<a href="/conditions/premenstrual-dysphoric-disorder/">premenstrual dysphoric '
            "disorder</a> (PMDD). For PMDD, it can be taken every day or only during the two weeks "
            "before a period.</p>"
            "<p>For children and teenagers, sertraline is approved only to treat OCD, starting at "
            "age 6.</p>"
            "<h2>Off-Label Uses</h2>"
            "<p>Healthcare providers often prescribe sertraline off-label for "
            '<a href="/conditions/generalized-anxiety-disorder/">generalized anxiety '
            "disorder</a>, where studies have shown it to be effective. It is also sometimes used "
            "to help with premature ejaculation.</p>"
            "<h2>How Does Sertraline Work?</h2>"
            "<p>SSRIs leave more serotonin available to carry messages between nerve cells by "
            "slowing its reabsorption. It can take several weeks to feel the full benefit, so keep "
            "taking sertraline as prescribed and talk to your healthcare provider before stopping "
            "it.</p>"
        ),
        "search_description": (
            "What sertraline (Zoloft) treats, including depression, OCD, panic disorder, PTSD, "
            "social anxiety and PMDD, plus off-label uses."
        ),
        "related": [
            ("condition", "depression", "symptoms"),
            ("condition", "obsessive-compulsive-disorder", "overview"),
            ("drug", "fluoxetine", "uses"),
        ],
        "state": "live",
    },
    {
        "subject": ("drug", "fluoxetine"),
        "kind": "uses",
        "slug": "uses",
        "title": "What Is Fluoxetine Used For?",
        "lead": (
            "Fluoxetine (Prozac) is an SSRI antidepressant approved for depression, "
            "obsessive-compulsive disorder, bulimia nervosa and panic disorder. Under the brand "
            "name Sarafem, it is also approved for premenstrual dysphoric disorder. Some uses are "
            "approved for children: OCD from age 7 and depression from age 8."
        ),
        "body": (
            "<h2>Approved Uses of Fluoxetine</h2>"
            '<p>Fluoxetine treats <a href="/conditions/depression/">major depression</a> and '
            '<a href="/conditions/obsessive-compulsive-disorder/">obsessive-compulsive '
            "disorder</a> in both adults and children. In adults, it is also approved for "
            '<a href="/conditions/bulimia-nervosa/">bulimia nervosa</a>, where it reduces '
            'bingeing and vomiting, and for <a href="/conditions/panic-disorder/">panic '
            "disorder</a>. Sarafem, a brand of fluoxetine, is approved for "
            '<a href="/conditions/premenstrual-dysphoric-disorder/">premenstrual dysphoric '
            "disorder</a>.</p>"
            "<p>Combined with the antipsychotic olanzapine, fluoxetine is also used for depression "
            "linked to bipolar disorder and for depression that has not improved with other "
            "treatments.</p>"
            "<h2>Off-Label Uses</h2>"
            "<p>Fluoxetine is one of a small number of antidepressants that treatment guidelines "
            'support for <a href="/conditions/post-traumatic-stress-disorder/">post-traumatic '
            "stress disorder</a>, although this use is not FDA-approved.</p>"
            "<h2>What Makes Fluoxetine Different?</h2>"
            "<p>Fluoxetine and its active breakdown product stay in the body much longer than most "
            "other SSRIs. A missed dose therefore matters less and withdrawal symptoms are less "
            "common, but side effects and drug interactions can linger for weeks after stopping. "
            "Tell your healthcare provider about every medicine you take.</p>"
        ),
        "search_description": (
            "The approved uses of fluoxetine (Prozac, Sarafem), from depression and OCD to "
            "bulimia, panic disorder and PMDD, and its off-label uses."
        ),
        "related": [
            ("condition", "bulimia-nervosa", "overview"),
            ("condition", "premenstrual-dysphoric-disorder", "overview"),
            ("drug", "sertraline", "uses"),
        ],
        "state": "live",
    },
    {
        "subject": ("drug", "lisinopril"),
        "kind": "uses",
        "slug": "uses",
        "title": "What Is Lisinopril Used For?",
        "lead": (
            "Lisinopril (Zestril, Prinivil) is a prescription ACE inhibitor that treats high blood "
            "pressure in adults and in children aged 6 and older. In adults, it is also approved "
            "for heart failure and to improve survival after a heart attack."
        ),
        "body": (
            "<h2>Approved Uses of Lisinopril</h2>"
            '<p>Lisinopril lowers <a href="/conditions/hypertension/">high blood pressure</a>, '
            "which reduces the risk of stroke, heart attack and kidney problems. It can be taken "
            "alone or with other blood pressure medicines, such as a diuretic (“water pill”).</p>"
            '<p>In <a href="/conditions/heart-failure/">heart failure</a>, it is used along '
            "with other treatments to ease symptoms. It is also started within a day of a heart "
            "attack in people whose condition is stable, to help them survive.</p>"
            "<h2>Off-Label Uses</h2>"
            "<p>Lisinopril is sometimes prescribed to help prevent "
            '<a href="/conditions/migraine/">migraine</a> attacks, and to protect the kidneys '
            "in people with diabetes who have protein in their urine.</p>"
            "<h2>How Does Lisinopril Work?</h2>"
            "<p>ACE inhibitors block an enzyme the body uses to make angiotensin II, a hormone "
            "that tightens blood vessels. With less of it, blood vessels relax and blood pressure "
            "falls. A dry, tickly cough is a common side effect.</p>"
            "<p>Lisinopril must not be used during pregnancy because it can harm an unborn baby. "
            "Contact your healthcare provider right away if you become pregnant.</p>"
        ),
        "search_description": (
            "What lisinopril (Zestril, Prinivil) treats, including high blood pressure and heart "
            "failure, its off-label uses and how this ACE inhibitor works."
        ),
        "related": [
            ("condition", "hypertension", "overview"),
            ("condition", "heart-failure", "treatment"),
        ],
        "state": "live",
    },
    {
        "subject": ("drug", "metformin"),
        "kind": "uses",
        "slug": "uses",
        "title": "What Is Metformin Used For?",
        "lead": (
            "Metformin (Glucophage) is a prescription medicine that lowers blood sugar in people "
            "with type 2 diabetes. It is usually the first medicine tried, alongside healthy "
            "eating and physical activity, and the immediate-release form is approved for children "
            "aged 10 and older."
        ),
        "body": (
            "<h2>How Metformin Is Used</h2>"
            "<p>Metformin is approved to improve blood sugar control in adults and children with "
            '<a href="/conditions/type-2-diabetes/">type 2 diabetes</a>. It can be used by '
            "itself or with other diabetes medicines, including insulin. Because it does not make "
            "the pancreas release extra insulin, it rarely causes low blood sugar when taken "
            "alone.</p>"
            "<p>Healthcare providers also prescribe it off-label, for example to help manage "
            "polycystic ovary syndrome or to lower the chance that prediabetes turns into "
            "diabetes.</p>"
            "<h2>How Does Metformin Work?</h2>"
            "<p>Metformin reduces the amount of sugar the liver releases into the bloodstream and "
            "helps muscles and other tissues respond better to insulin. Taking it with meals and "
            "starting at a low dose can reduce stomach upset, diarrhea and other digestive side "
            "effects.</p>"
            "<p>A rare but serious problem called lactic acidosis is more likely in people with "
            "severe kidney disease, so your healthcare provider will check your kidney function "
            "before and during treatment.</p>"
        ),
        "search_description": (
            "How metformin (Glucophage) lowers blood sugar in type 2 diabetes, who can take it, "
            "its off-label uses and important safety points."
        ),
        "related": [
            ("condition", "type-2-diabetes", "treatment"),
        ],
        "state": "live",
    },
    {
        "subject": ("drug", "atorvastatin"),
        "kind": "uses",
        "slug": "uses",
        "title": "What Is Atorvastatin Used For?",
        "lead": (
            "Atorvastatin (Lipitor) is a statin that lowers LDL (“bad”) cholesterol and "
            "triglycerides. It is also used to reduce the risk of heart attack and stroke in "
            "adults who have heart disease or several risk factors for it, and it is approved for "
            "some children aged 10 and older with an inherited form of high cholesterol."
        ),
        "body": (
            "<h2>Approved Uses of Atorvastatin</h2>"
            "<p>Atorvastatin is used together with a heart-healthy diet to treat "
            '<a href="/conditions/high-cholesterol/">high cholesterol</a>. It lowers LDL '
            "cholesterol and triglycerides and can modestly raise HDL (“good”) cholesterol.</p>"
            "<p>It is also prescribed to lower the chance of a heart attack, stroke or certain "
            "heart procedures in adults who already have heart disease, or who have risk factors "
            "such as type 2 diabetes, high blood pressure, smoking or a family history of early "
            "heart disease. In children aged 10 and older, it is approved for heterozygous "
            "familial hypercholesterolemia, an inherited condition that causes very high "
            "cholesterol.</p>"
            "<h2>How Does Atorvastatin Work?</h2>"
            "<p>Statins block HMG-CoA reductase, an enzyme the liver needs to make cholesterol. "
            "With less cholesterol being made, the liver pulls more LDL out of the blood. Most "
            "people feel no different while taking it, so regular blood tests are used to check "
            "that it is working.</p>"
            "<p>Tell your healthcare provider about any unexplained muscle pain, tenderness or "
            "weakness, and let them know if you are pregnant or planning a pregnancy.</p>"
        ),
        "search_description": (
            "What atorvastatin (Lipitor) is used for, including lowering LDL cholesterol and the "
            "risk of heart attack and stroke, and how statins work."
        ),
        "related": [
            ("condition", "high-cholesterol", "overview"),
        ],
        "state": "live",
    },
    {
        "subject": ("drug", "omeprazole"),
        "kind": "uses",
        "slug": "uses",
        "title": "What Is Omeprazole Used For?",
        "lead": (
            "Omeprazole (Prilosec) is a proton pump inhibitor that lowers the amount of acid the "
            "stomach makes. Prescription omeprazole treats GERD, stomach and duodenal ulcers and "
            "other acid-related problems, and an over-the-counter version is sold for frequent "
            "heartburn."
        ),
        "body": (
            "<h2>Approved Uses of Omeprazole</h2>"
            "<p>Prescription omeprazole is approved to treat "
            '<a href="/conditions/gerd/">gastroesophageal reflux disease</a> (GERD), including '
            "damage to the esophagus caused by acid, in adults and children. It also heals stomach "
            "and duodenal ulcers, helps clear <em>Helicobacter pylori</em> infection when taken "
            "with antibiotics, and controls rare conditions in which the stomach makes far too "
            "much acid, such as Zollinger-Ellison syndrome.</p>"
            "<p>Over-the-counter omeprazole is meant for adults who have heartburn on two or more "
            "days a week. It is taken once a day for 14 days and is not intended for immediate "
            "relief. Do not repeat a 14-day course more often than every four months unless your "
            "healthcare provider advises it.</p>"
            "<h2>How Does Omeprazole Work?</h2>"
            "<p>Cells in the stomach lining use tiny “proton pumps” to release acid. Omeprazole "
            "switches off these pumps, reducing acid for about a day after each dose. It works "
            "best when taken before a meal, usually in the morning.</p>"
            "<p>Long-term use has been linked to low magnesium and vitamin B12 levels and a higher "
            "risk of some bone fractures, so your healthcare provider will aim for the lowest dose "
            "that controls your symptoms.</p>"
        ),
        "search_description": (
            "What omeprazole (Prilosec) treats, including GERD, ulcers and frequent heartburn, and "
            "how this proton pump inhibitor reduces stomach acid."
        ),
        "related": [
            ("condition", "gerd", "treatment"),
        ],
        "state": "live",
    },
    {
        "subject": ("drug", "levothyroxine"),
        "kind": "uses",
        "slug": "uses",
        "title": "What Is Levothyroxine Used For?",
        "lead": (
            "Levothyroxine (Synthroid, Levoxyl, Unithroid) is a man-made copy of thyroxine, the "
            "main hormone made by the thyroid gland. It replaces missing hormone in people of all "
            "ages with hypothyroidism and is also used as part of the treatment for certain "
            "thyroid cancers."
        ),
        "body": (
            "<h2>Approved Uses of Levothyroxine</h2>"
            "<p>Levothyroxine is the standard treatment for "
            '<a href="/conditions/hypothyroidism/">hypothyroidism</a>, whether the thyroid is '
            "underactive because of an autoimmune condition such as Hashimoto’s thyroiditis, "
            "surgery, radioactive iodine treatment or a problem present from birth. It can be used "
            "by newborns, children, adults and pregnant women when correctly dosed.</p>"
            "<p>After surgery and radioactive iodine treatment for certain thyroid cancers, it is "
            "also used to keep levels of thyroid-stimulating hormone (TSH) low.</p>"
            "<h2>Taking Levothyroxine</h2>"
            "<p>Levothyroxine is usually taken once a day on an empty stomach with a full glass of "
            "water, 30 minutes to an hour before breakfast. Calcium, iron and antacids can block "
            "its absorption, so take them at least four hours apart. Your healthcare provider will "
            "adjust the dose based on blood tests, and most people need it for life.</p>"
            "<h2>An Important Warning</h2>"
            "<p>Thyroid hormone should not be used to treat obesity or to lose weight. In people "
            "whose thyroid levels are normal, doses large enough to cause weight loss can lead to "
            "serious or even life-threatening effects.</p>"
        ),
        "search_description": (
            "What levothyroxine (Synthroid) is used for, how to take it for hypothyroidism, and "
            "why it must never be used for weight loss."
        ),
        "related": [
            ("condition", "hypothyroidism", "symptoms"),
        ],
        "state": "live",
    },
    {
        "subject": ("drug", "sumatriptan"),
        "kind": "uses",
        "slug": "uses",
        "title": "What Is Sumatriptan Used For?",
        "lead": (
            "Sumatriptan (Imitrex) is a prescription triptan that relieves migraine attacks, with "
            "or without aura, in adults. The injection is also approved for cluster headaches. It "
            "treats attacks once they begin but does not prevent them."
        ),
        "body": (
            "<h2>How Sumatriptan Is Used</h2>"
            '<p>Sumatriptan is approved to treat <a href="/conditions/migraine/">migraine</a> '
            "attacks in adults. It works best when taken early in an attack, while the pain is "
            "still mild. It comes as tablets, a nasal spray and a self-injection; the injection "
            "acts fastest.</p>"
            "<p>If the first dose helps but the headache comes back, another dose may be taken "
            "after a set interval, such as at least two hours for tablets. Using triptans on 10 or "
            "more days a month can cause medication-overuse headaches, so talk to your healthcare "
            "provider if you need it often; preventive treatment may be a better option.</p>"
            "<h2>How Does Sumatriptan Work?</h2>"
            "<p>Sumatriptan acts on serotonin receptors in the blood vessels and nerves of the "
            "head. It narrows swollen blood vessels and blocks the release of substances that "
            "cause pain and inflammation.</p>"
            "<p>Because it tightens blood vessels, it is not suitable for people with heart "
            "disease, a past stroke or uncontrolled high blood pressure. Tell your healthcare "
            "provider about your heart health before starting it.</p>"
        ),
        "search_description": (
            "What sumatriptan (Imitrex) is used for, how to take it during a migraine attack, how "
            "triptans work and who should avoid them."
        ),
        "related": [
            ("condition", "migraine", "symptoms"),
        ],
        "state": "live",
    },
    {
        "subject": ("drug", "albuterol"),
        "kind": "uses",
        "slug": "uses",
        "title": "What Is Albuterol Used For?",
        "lead": (
            "Albuterol (ProAir, Ventolin) is a quick-relief medicine that opens the airways within "
            "minutes. It is used to treat and prevent sudden tightening of the airways in asthma "
            "and other lung diseases, and to prevent breathing problems brought on by exercise."
        ),
        "body": (
            "<h2>How Albuterol Is Used</h2>"
            '<p>Albuterol is a “rescue” medicine for <a href="/conditions/asthma/">asthma</a>. '
            "It eases breathing during a flare-up, and taking it 15 to 30 minutes before exercise "
            "can prevent exercise-induced symptoms. It is also used for other lung conditions in "
            "which the airways narrow, such as chronic obstructive pulmonary disease (COPD).</p>"
            "<p>It comes as an inhaler, as a solution for a nebulizer machine, and as tablets and "
            "syrup. Inhalers are the most common form.</p>"
            "<h2>How Does Albuterol Work?</h2>"
            "<p>Albuterol is a short-acting beta-agonist (SABA). It relaxes the bands of muscle "
            "around the airways so that air moves in and out of the lungs more easily. It starts "
            "working within minutes, and the effect usually lasts four to six hours.</p>"
            "<p>Albuterol does not treat the airway swelling behind asthma. If you need your "
            "rescue inhaler more than twice a week, your asthma may not be well controlled, so "
            "talk to your healthcare provider about a long-term controller medicine.</p>"
        ),
        "search_description": (
            "What albuterol (ProAir, Ventolin) is used for, how this quick-relief inhaler opens "
            "the airways, and when needing it often is a warning sign."
        ),
        "related": [
            ("condition", "asthma", "treatment"),
        ],
        "state": "live",
    },
    {
        "subject": ("drug", "ibuprofen"),
        "kind": "uses",
        "slug": "uses",
        "title": "What Is Ibuprofen Used For?",
        "lead": (
            "Ibuprofen (Advil, Motrin) is a nonsteroidal anti-inflammatory drug (NSAID) sold over "
            "the counter for everyday aches and pains, menstrual cramps and fever. Higher "
            "prescription strengths are used for arthritis and other painful conditions."
        ),
        "body": (
            "<h2>What Ibuprofen Treats</h2>"
            "<p>Over-the-counter ibuprofen temporarily relieves headaches, toothaches, backaches, "
            'muscle aches, <a href="/conditions/menstrual-cramps/">menstrual cramps</a>, minor '
            "arthritis pain and the aches of a cold, and it lowers fever. Some ibuprofen products "
            'are labeled specifically for <a href="/conditions/migraine/">migraine</a> pain.</p>'
            "<p>At prescription strength, ibuprofen is approved to relieve the signs and symptoms "
            'of <a href="/conditions/osteoarthritis/">osteoarthritis</a> and rheumatoid '
            "arthritis, to treat mild to moderate pain and to ease painful periods.</p>"
            "<h2>How Does Ibuprofen Work?</h2>"
            "<p>Ibuprofen blocks enzymes called cyclooxygenases (COX), which the body uses to make "
            "prostaglandins, chemicals that drive pain, fever and inflammation.</p>"
            "<h2>Using Ibuprofen Safely</h2>"
            "<p>Follow the label and use the lowest dose that works for the shortest time. NSAIDs "
            "can cause stomach bleeding and raise the risk of heart attack and stroke, especially "
            "at high doses or with long-term use. Ask a pharmacist or healthcare provider before "
            "using ibuprofen if you have heart, kidney or stomach problems, take a blood thinner, "
            "or are pregnant.</p>"
        ),
        "search_description": (
            "What ibuprofen (Advil, Motrin) is used for, from aches, fever and menstrual cramps to "
            "arthritis, how this NSAID works and how to use it safely."
        ),
        "related": [
            ("condition", "osteoarthritis", "overview"),
            ("condition", "menstrual-cramps", "treatment"),
        ],
        "state": "live",
    },
    {
        "subject": ("drug", "alprazolam"),
        "kind": "uses",
        "slug": "uses",
        "title": "What Is Alprazolam Used For?",
        "lead": (
            "Alprazolam (Xanax) is a benzodiazepine approved to treat generalized anxiety disorder "
            "and panic disorder in adults. It works quickly, but because it can lead to dependence "
            "and is sometimes misused, it is a Schedule IV controlled substance and is generally "
            "prescribed for the shortest time that helps."
        ),
        "body": (
            "<h2>Approved Uses of Alprazolam</h2>"
            "<p>Alprazolam is approved for adults with "
            '<a href="/conditions/generalized-anxiety-disorder/">generalized anxiety '
            'disorder</a> and with <a href="/conditions/panic-disorder/">panic disorder</a>, '
            "with or without agoraphobia (fear of places where escape might feel difficult). "
            "Because it starts working fairly quickly, it can be useful while longer-term "
            "treatments, such as an SSRI or talk therapy, take effect.</p>"
            "<h2>How Does Alprazolam Work?</h2>"
            "<p>Benzodiazepines strengthen the effect of GABA, a natural brain chemical that calms "
            "nerve activity. This eases anxiety but can also cause drowsiness and slow reactions, "
            "so do not drive until you know how it affects you.</p>"
            "<h2>Important Safety Information</h2>"
            "<p>Taking alprazolam with opioid pain medicines, alcohol or other sedating drugs can "
            "cause dangerously slow breathing. After regular use, stopping suddenly can cause "
            "withdrawal reactions, including seizures, so your healthcare provider will lower the "
            "dose gradually. Store it securely and never share it.</p>"
        ),
        "search_description": (
            "What alprazolam (Xanax) is approved to treat, how this benzodiazepine works, and the "
            "key safety points for a controlled medicine."
        ),
        "related": [
            ("condition", "generalized-anxiety-disorder", "overview"),
            ("condition", "panic-disorder", "symptoms"),
        ],
        "state": "live",
    },
    {
        "subject": ("condition", "obsessive-compulsive-disorder"),
        "kind": "overview",
        "slug": "overview",
        "title": "What Is Obsessive-Compulsive Disorder?",
        "lead": (
            "Obsessive-compulsive disorder (OCD) is a mental health condition in which unwanted "
            "thoughts, urges or images cause intense anxiety, and a person feels driven to carry "
            "out certain actions or mental rituals to ease it. OCD is treatable, most often with a "
            "specific kind of talk therapy, medicine or both."
        ),
        "body": (
            "<h2>Obsessions and Compulsions</h2>"
            "<p>Obsessions are intrusive thoughts that keep coming back even when the person knows "
            "they are excessive, such as worries about germs, harm coming to loved ones, or things "
            "not feeling “just right.” Compulsions are the behaviors or mental acts used to quiet "
            "that distress. The relief they bring is brief, and rituals can take up hours of the "
            "day.</p>"
            "<p>OCD is not the same as being neat or careful. What sets it apart is that the "
            "thoughts and rituals are distressing, time-consuming and get in the way of daily "
            "life.</p>"
            "<h2>Who Gets OCD?</h2>"
            "<p>OCD often begins in childhood, the teenage years or early adulthood. Genes, "
            "differences in certain brain circuits and stressful life events may all play a "
            "part.</p>"
            "<h2>How Is OCD Treated?</h2>"
            "<p>The most effective talk therapy for OCD is exposure and response prevention, a "
            "form of cognitive behavioral therapy. SSRIs such as "
            '<a href="/drugs/sertraline/">sertraline</a> and '
            '<a href="/drugs/fluoxetine/">fluoxetine</a> are approved for OCD and often need '
            "higher doses and more time to work than they do for depression. Other medicines, "
            'including <a href="/drugs/milnacipran/">milnacipran</a>, have been tried '
            "off-label. Your healthcare provider can help you find the right approach.</p>"
        ),
        "search_description": (
            "Obsessive-compulsive disorder (OCD) explained: how obsessions and compulsions differ, "
            "who gets OCD and how it is treated."
        ),
        "related": [
            ("drug", "sertraline", "uses"),
            ("drug", "fluoxetine", "uses"),
        ],
        "state": "live",
    },
    {
        "subject": ("condition", "depression"),
        "kind": "symptoms",
        "slug": "symptoms",
        "title": "What Are the Symptoms of Depression?",
        "lead": (
            "Depression is more than a passing low mood. Its symptoms last most of the day, nearly "
            "every day, for at least two weeks, and they affect how a person feels, thinks, sleeps "
            "and eats. Depression is common and treatable, and getting help early can make "
            "recovery easier."
        ),
        "body": (
            "<h2>Emotional and Physical Signs</h2>"
            "<p>The core signs are a lasting sad, empty or hopeless mood and losing pleasure in "
            "things that used to be enjoyable. Depression also shows up in the body: people may "
            "feel drained of energy, sleep poorly or too much, lose or gain weight, or notice "
            "unexplained aches and pains.</p>"
            "<p>Depression can look different from person to person. In teenagers, irritability "
            "may stand out more than sadness, and older adults may mainly mention tiredness or "
            "memory complaints.</p>"
            "<h2>When to Get Help</h2>"
            "<p>See a healthcare provider if symptoms last longer than two weeks or make it hard "
            "to work, study or look after yourself. Treatment usually involves talk therapy, an "
            'antidepressant such as <a href="/drugs/sertraline/">sertraline</a> or '
            '<a href="/drugs/duloxetine/">duloxetine</a>, or both.</p>'
            "<blockquote><p><strong>If you are thinking about harming yourself,</strong> call or "
            "text 988 to reach the Suicide &amp; Crisis Lifeline in the United States, or go to "
            "the nearest emergency room.</p>"
            "</blockquote>"
        ),
        "search_description": (
            "The emotional and physical symptoms of depression, how they can differ by age, and "
            "when and where to get help."
        ),
        "related": [
            ("drug", "sertraline", "uses"),
            ("drug", "duloxetine", "uses"),
            ("drug", "venlafaxine", "uses"),
        ],
        "state": "live",
    },
    {
        "subject": ("condition", "stress-incontinence"),
        "kind": "treatment",
        "slug": "treatment",
        "title": "How Is Stress Incontinence Treated?",
        "lead": (
            "Stress incontinence is urine leakage that happens when pressure on the bladder rises "
            "suddenly, such as during a cough, laugh or lift. Treatment usually starts with pelvic "
            "floor exercises and lifestyle changes, and devices, procedures or surgery are options "
            "when these are not enough."
        ),
        "body": (
            "<h2>First Steps</h2>"
            "<p>Pelvic floor muscle training, often called Kegel exercises, strengthens the "
            "muscles that support the bladder and urethra. A pelvic floor physical therapist can "
            "make sure the exercises are done correctly. Losing excess weight, quitting smoking to "
            "cut down on coughing, and managing constipation can also reduce leakage.</p>"
            "<h2>Devices and Procedures</h2>"
            "<p>Some women use a vaginal pessary or a urethral insert to support the urethra. If "
            "leakage continues, a specialist may suggest bulking injections around the urethra or "
            "surgery, such as a sling procedure. In men, stress incontinence most often follows "
            "prostate surgery, and options include pelvic floor exercises, a male sling or an "
            "artificial urinary sphincter.</p>"
            "<h2>What About Medicines?</h2>"
            "<p>No medicine is approved in the United States for stress incontinence. Some "
            'healthcare providers prescribe <a href="/drugs/duloxetine/">duloxetine</a> '
            'off-label, and <a href="/drugs/milnacipran/">milnacipran</a> has also been used, '
            "but side effects limit their usefulness. Talk to your healthcare provider about which "
            "approach suits you.</p>"
        ),
        "search_description": (
            "How stress incontinence is treated, from pelvic floor exercises and lifestyle changes "
            "to devices, surgery and off-label medicines."
        ),
        "related": [
            ("drug", "duloxetine", "uses"),
            ("drug", "milnacipran", "uses"),
        ],
        "state": "live",
    },
    {
        "subject": ("condition", "generalized-anxiety-disorder"),
        "kind": "overview",
        "slug": "overview",
        "title": "What Is Generalized Anxiety Disorder?",
        "lead": (
            "Generalized anxiety disorder (GAD) is a condition in which a person worries a great "
            "deal, on most days, about many different things, such as work, health, money or "
            "family, and finds the worry hard to control. It lasts at least six months and often "
            "comes with physical symptoms such as tense muscles and poor sleep."
        ),
        "body": (
            "<h2>More Than Everyday Worry</h2>"
            "<p>Everyone worries sometimes. In GAD, the worry is out of proportion to the real "
            "situation, hard to switch off and present on more days than not. It can sap energy "
            "and make it difficult to concentrate at work or school.</p>"
            "<p>GAD often occurs alongside depression or other anxiety disorders. It can begin at "
            "any age and tends to run in families.</p>"
            "<h2>How Is GAD Treated?</h2>"
            "<p>Cognitive behavioral therapy teaches practical skills for recognizing and managing "
            "worry. Commonly used medicines include SNRIs such as "
            '<a href="/drugs/duloxetine/">duloxetine</a> and '
            '<a href="/drugs/venlafaxine/">venlafaxine</a>, which are approved for GAD, and '
            'SSRIs such as <a href="/drugs/sertraline/">sertraline</a>, which is used '
            'off-label. Benzodiazepines such as <a href="/drugs/alprazolam/">alprazolam</a> '
            "work quickly but can cause dependence, so they are generally used for short "
            "periods.</p>"
            "<p>Regular exercise, cutting back on caffeine and alcohol, and good sleep habits can "
            "support treatment. Talk to your healthcare provider if worry is affecting your daily "
            "life.</p>"
        ),
        "search_description": (
            "Generalized anxiety disorder (GAD) explained: how it differs from everyday worry and "
            "how therapy and medicines can help."
        ),
        "related": [
            ("drug", "duloxetine", "uses"),
            ("drug", "venlafaxine", "uses"),
            ("drug", "alprazolam", "uses"),
        ],
        "state": "live",
    },
    {
        "subject": ("condition", "panic-disorder"),
        "kind": "symptoms",
        "slug": "symptoms",
        "title": "What Are the Symptoms of Panic Disorder?",
        "lead": (
            "The hallmark of panic disorder is repeated panic attacks: sudden surges of intense "
            "fear that peak within minutes and come with strong physical sensations. Between "
            "attacks, people often worry about when the next one will strike and may avoid places "
            "where attacks have happened."
        ),
        "body": (
            "<h2>What a Panic Attack Feels Like</h2>"
            "<p>During an attack, the body reacts as if it faces immediate danger. The heart may "
            "pound, breathing may feel difficult, and a person may shake, sweat or feel faint. "
            "Many people are convinced they are having a heart attack or are about to lose "
            "control. Most attacks peak within about 10 minutes and then gradually ease, although "
            "exhaustion can linger afterwards.</p>"
            "<h2>Living With the Fear of Attacks</h2>"
            "<p>What separates panic disorder from an occasional panic attack is the lasting worry "
            "it leaves behind. Some people start avoiding driving, crowds or being far from home, "
            "a pattern called agoraphobia.</p>"
            "<h2>Getting Help</h2>"
            "<p>Panic symptoms can resemble heart or breathing problems, so get checked by a "
            "healthcare provider, especially the first time. Panic disorder responds well to "
            "cognitive behavioral therapy and to medicines such as "
            '<a href="/drugs/sertraline/">sertraline</a>, '
            '<a href="/drugs/fluoxetine/">fluoxetine</a> and '
            '<a href="/drugs/venlafaxine/">venlafaxine</a>. If you have chest pain and are not '
            "sure of the cause, call 911.</p>"
        ),
        "search_description": (
            "What panic attacks feel like, how panic disorder differs from a single attack, and "
            "when to seek help and treatment."
        ),
        "related": [
            ("drug", "sertraline", "uses"),
            ("drug", "alprazolam", "uses"),
        ],
        "state": "live",
    },
    {
        "subject": ("condition", "social-anxiety-disorder"),
        "kind": "overview",
        "slug": "overview",
        "title": "What Is Social Anxiety Disorder?",
        "lead": (
            "Social anxiety disorder is an intense and lasting fear of being watched, judged or "
            "embarrassed by other people. It goes well beyond shyness: the fear can make everyday "
            "situations, such as speaking up in class, eating in public or meeting new people, "
            "feel overwhelming."
        ),
        "body": (
            "<h2>How It Affects Daily Life</h2>"
            "<p>People with social anxiety disorder often know their fear is out of proportion but "
            "still find social situations very hard to face. They may dread an event for days or "
            "weeks, avoid it altogether, or get through it in great distress and replay every "
            "moment afterwards. Over time, this can limit school, work and friendships.</p>"
            "<p>It usually begins in childhood or the teenage years and, without treatment, can "
            "last for many years.</p>"
            "<h2>How Is It Treated?</h2>"
            "<p>Cognitive behavioral therapy, which often includes gradual, supported practice in "
            "feared situations, is highly effective. "
            '<a href="/drugs/sertraline/">Sertraline</a>, paroxetine and extended-release '
            '<a href="/drugs/venlafaxine/">venlafaxine</a> are approved for social anxiety '
            "disorder. Talk to your healthcare provider if fear of social situations is holding "
            "you back.</p>"
        ),
        "search_description": (
            "Social anxiety disorder explained: how it differs from shyness, how it affects daily "
            "life and which treatments help."
        ),
        "related": [
            ("drug", "sertraline", "uses"),
            ("drug", "venlafaxine", "uses"),
        ],
        "state": "live",
    },
    {
        "subject": ("condition", "post-traumatic-stress-disorder"),
        "kind": "overview",
        "slug": "overview",
        "title": "What Is Post-Traumatic Stress Disorder?",
        "lead": (
            "Post-traumatic stress disorder (PTSD) can develop after a person lives through or "
            "witnesses a traumatic event, such as combat, an assault, a serious accident or a "
            "natural disaster. It keeps the mind and body on high alert long after the danger has "
            "passed, but effective treatments are available."
        ),
        "body": (
            "<h2>Signs of PTSD</h2>"
            "<p>People with PTSD may relive the event through vivid memories or nightmares, go out "
            "of their way to avoid reminders of it, and feel constantly tense or jumpy. Many also "
            "notice lasting changes in mood, such as guilt, emotional numbness or losing interest "
            "in relationships. Symptoms usually begin within three months of the event but "
            "sometimes appear years later.</p>"
            "<p>Not everyone who goes through trauma develops PTSD, and strong support from family "
            "and friends afterwards can lower the risk.</p>"
            "<h2>How Is PTSD Treated?</h2>"
            "<p>Trauma-focused talk therapies, such as prolonged exposure and cognitive processing "
            "therapy, are the most effective treatments. "
            '<a href="/drugs/sertraline/">Sertraline</a> and paroxetine are approved for PTSD, '
            'and <a href="/drugs/fluoxetine/">fluoxetine</a> and '
            '<a href="/drugs/venlafaxine/">venlafaxine</a> are commonly used off-label. If you '
            "are struggling after a traumatic event, talk to your healthcare provider; U.S. "
            "veterans can also get specialized care through the VA.</p>"
        ),
        "search_description": (
            "Post-traumatic stress disorder (PTSD) explained: its main signs, who develops it, and "
            "the therapies and medicines that help."
        ),
        "related": [
            ("drug", "sertraline", "uses"),
            ("drug", "fluoxetine", "uses"),
        ],
        "state": "live",
    },
    {
        "subject": ("condition", "premenstrual-dysphoric-disorder"),
        "kind": "overview",
        "slug": "overview",
        "title": "What Is Premenstrual Dysphoric Disorder?",
        "lead": (
            "Premenstrual dysphoric disorder (PMDD) is a severe form of premenstrual syndrome. In "
            "the week or two before a period, it causes mood and physical symptoms strong enough "
            "to disrupt work, relationships and daily life, and these ease within a few days after "
            "bleeding starts."
        ),
        "body": (
            "<h2>How PMDD Differs From PMS</h2>"
            "<p>Many people notice mild changes in mood or body before a period. PMDD differs in "
            "degree: irritability, sadness, anxiety or anger can be intense and may come with "
            "fatigue, bloating and breast tenderness. It appears to stem from an unusual "
            "sensitivity in the brain to the normal rise and fall of hormones during the menstrual "
            "cycle.</p>"
            "<p>Tracking symptoms on a calendar for at least two cycles helps a healthcare "
            "provider make the diagnosis.</p>"
            "<h2>How Is PMDD Treated?</h2>"
            "<p>SSRIs are a first-choice treatment and often work quickly for PMDD. "
            '<a href="/drugs/sertraline/">Sertraline</a> and '
            '<a href="/drugs/fluoxetine/">fluoxetine</a> (sold for PMDD as Sarafem) are '
            "approved and may be taken every day or only in the second half of the cycle. Certain "
            "birth control pills, regular exercise, and limiting caffeine, salt and alcohol can "
            "also help. Talk to your healthcare provider about what might work for you.</p>"
        ),
        "search_description": (
            "Premenstrual dysphoric disorder (PMDD) explained: how it differs from PMS, how it is "
            "diagnosed and which treatments help."
        ),
        "related": [
            ("drug", "sertraline", "uses"),
            ("drug", "fluoxetine", "uses"),
        ],
        "state": "live",
    },
    {
        "subject": ("condition", "bulimia-nervosa"),
        "kind": "overview",
        "slug": "overview",
        "title": "What Is Bulimia Nervosa?",
        "lead": (
            "Bulimia nervosa is an eating disorder in which a person has repeated episodes of "
            "eating unusually large amounts of food while feeling out of control, followed by "
            "attempts to undo them, such as vomiting, misusing laxatives, fasting or exercising "
            "excessively. It is a serious but treatable illness."
        ),
        "body": (
            "<h2>Understanding Bulimia</h2>"
            "<p>People with bulimia are often at an average weight, so the illness can go "
            "unnoticed for years. Bingeing and purging usually happen in secret and are tied to "
            "deep worries about body shape and weight.</p>"
            "<p>Repeated vomiting can damage the teeth, throat and esophagus and upset the balance "
            "of minerals such as potassium in the blood, which can lead to dangerous heart rhythm "
            "problems.</p>"
            "<h2>How Is Bulimia Treated?</h2>"
            "<p>Treatment is usually provided by a team that may include a therapist, a dietitian "
            "and a medical provider. A form of cognitive behavioral therapy designed for eating "
            "disorders is the most effective approach. "
            '<a href="/drugs/fluoxetine/">Fluoxetine</a> is the only medicine approved in the '
            "United States for bulimia and can reduce bingeing and purging. If you or someone you "
            "know is struggling, talk to a healthcare provider.</p>"
        ),
        "search_description": (
            "Bulimia nervosa explained: what it is, its effects on the body, and how therapy and "
            "medicine can help with recovery."
        ),
        "related": [
            ("drug", "fluoxetine", "uses"),
        ],
        "state": "live",
    },
    {
        "subject": ("condition", "diabetic-neuropathy"),
        "kind": "symptoms",
        "slug": "symptoms",
        "title": "What Are the Symptoms of Diabetic Neuropathy?",
        "lead": (
            "Diabetic neuropathy is nerve damage caused by years of high blood sugar. It usually "
            "affects the feet and legs first, causing numbness, tingling or pain, and can later "
            "reach the hands. Keeping blood sugar in range can help slow it down."
        ),
        "body": (
            "<h2>How Symptoms Develop</h2>"
            "<p>Symptoms tend to start gradually in the toes and spread upward, affecting both "
            "sides of the body. Some people feel burning, electric or stabbing pain that is often "
            "worse at night, while others mainly notice numbness. Even the light touch of "
            "bedsheets can feel uncomfortable.</p>"
            "<p>Numbness is risky because small cuts, blisters or sores on the feet may go "
            "unnoticed and become infected, so checking your feet every day is an important "
            "habit.</p>"
            "<h2>Other Nerves Can Be Affected</h2>"
            "<p>Diabetes can also damage the nerves that control internal organs, leading to "
            "problems with digestion, bladder control, sexual function or sweating, or to "
            "dizziness when standing up. Tell your healthcare provider about any of these "
            "changes.</p>"
            "<h2>Treating Nerve Pain</h2>"
            "<p>Good blood sugar control is the foundation of care. For painful neuropathy, "
            'approved medicines include <a href="/drugs/duloxetine/">duloxetine</a> and '
            'pregabalin, and others, such as <a href="/drugs/venlafaxine/">venlafaxine</a>, are '
            "sometimes used off-label.</p>"
        ),
        "search_description": (
            "The symptoms of diabetic neuropathy, from tingling and burning pain in the feet to "
            "effects on other organs, and how nerve pain is treated."
        ),
        "related": [
            ("condition", "type-2-diabetes", "treatment"),
            ("drug", "duloxetine", "uses"),
        ],
        "state": "live",
    },
    {
        "subject": ("condition", "hypertension"),
        "kind": "overview",
        "slug": "overview",
        "title": "What Is High Blood Pressure?",
        "lead": (
            "High blood pressure, or hypertension, means the force of blood pushing against the "
            "artery walls stays too high over time. It usually causes no symptoms, yet it raises "
            "the risk of heart attack, stroke, kidney disease and vision loss. The only way to "
            "know your blood pressure is to have it measured."
        ),
        "body": (
            "<h2>Understanding the Numbers</h2>"
            "<p>Blood pressure is written as two numbers, such as 120/80 mm Hg. The top number "
            "(systolic) is the pressure when the heart beats, and the bottom number (diastolic) is "
            "the pressure between beats. U.S. guidelines consider readings of 130/80 or higher to "
            "be high, although your healthcare provider will interpret your readings in light of "
            "your overall health.</p>"
            "<h2>What Raises the Risk?</h2>"
            "<p>The risk increases with age and is higher with a family history, excess weight, a "
            "salty diet, too little physical activity, heavy drinking, smoking and conditions such "
            "as diabetes and kidney disease.</p>"
            "<h2>How Is It Treated?</h2>"
            "<p>Eating less salt, following an eating plan rich in vegetables and fruit, staying "
            "active, limiting alcohol and reaching a healthy weight can lower blood pressure "
            "substantially. Many people also need medicine, such as the ACE inhibitor "
            '<a href="/drugs/lisinopril/">lisinopril</a>. A very high reading together with '
            "chest pain, a severe headache, shortness of breath or vision changes needs emergency "
            "care.</p>"
        ),
        "search_description": (
            "High blood pressure (hypertension) explained: what the numbers mean, what raises the "
            "risk and how lifestyle changes and medicines help."
        ),
        "related": [
            ("drug", "lisinopril", "uses"),
            ("condition", "heart-failure", "treatment"),
        ],
        "state": "live",
    },
    {
        "subject": ("condition", "heart-failure"),
        "kind": "treatment",
        "slug": "treatment",
        "title": "How Is Heart Failure Treated?",
        "lead": (
            "Heart failure does not mean the heart has stopped; it means the heart cannot pump as "
            "well as the body needs. Although it is usually a long-term condition, treatment can "
            "ease symptoms, reduce hospital stays and help people live longer."
        ),
        "body": (
            "<h2>Medicines for Heart Failure</h2>"
            "<p>Most people take several medicines that work in different ways. ACE inhibitors "
            'such as <a href="/drugs/lisinopril/">lisinopril</a>, or related medicines, relax '
            "blood vessels and lighten the heart’s workload. Beta-blockers slow the heart rate, "
            "diuretics (“water pills”) remove extra fluid, and newer medicines such as SGLT2 "
            "inhibitors can further reduce hospital stays. The right combination depends on the "
            "type of heart failure you have.</p>"
            "<h2>Day-to-Day Care</h2>"
            "<p>Weighing yourself every morning helps catch fluid build-up early; gaining a few "
            "pounds over a day or two may mean your treatment needs adjusting. Limiting salt, "
            "staying as active as your care team advises, avoiding tobacco and keeping up with "
            "recommended vaccines are also important.</p>"
            "<h2>Devices and Procedures</h2>"
            "<p>Some people benefit from an implanted device that keeps the heartbeat in rhythm or "
            "shocks a dangerous rhythm back to normal, or from procedures to repair valves or open "
            "blocked arteries. Talk to your healthcare provider about which treatments are right "
            "for you.</p>"
        ),
        "search_description": (
            "How heart failure is treated with medicines, daily self-care, devices and procedures "
            "to ease symptoms and help people live longer."
        ),
        "related": [
            ("drug", "lisinopril", "uses"),
            ("condition", "hypertension", "overview"),
        ],
        "state": "live",
    },
    {
        "subject": ("condition", "type-2-diabetes"),
        "kind": "treatment",
        "slug": "treatment",
        "title": "How Is Type 2 Diabetes Treated?",
        "lead": (
            "Type 2 diabetes is treated by keeping blood sugar as close to a target range as is "
            "safely possible, which lowers the risk of damage to the heart, kidneys, eyes and "
            "nerves. Treatment combines healthy habits, regular monitoring and, for most people, "
            "medicine."
        ),
        "body": (
            "<h2>Healthy Habits Come First</h2>"
            "<p>Eating balanced meals with plenty of vegetables, whole grains and lean protein, "
            "being active on most days, and losing even a modest amount of excess weight can lower "
            "blood sugar significantly. A diabetes educator or dietitian can help you build a plan "
            "you can stick with.</p>"
            "<h2>Medicines</h2>"
            '<p><a href="/drugs/metformin/">Metformin</a> is usually the first medicine '
            "prescribed. Many people later add others, such as GLP-1 receptor agonists or SGLT2 "
            "inhibitors, which can also protect the heart and kidneys, or insulin. Your healthcare "
            "provider will choose treatments based on your blood sugar levels, other health "
            "conditions and preferences.</p>"
            "<h2>Keeping Track</h2>"
            "<p>An A1C blood test shows your average blood sugar over the past two to three "
            "months, and you may also check your blood sugar at home. Yearly eye and foot exams "
            "and kidney tests help catch complications such as "
            '<a href="/conditions/diabetic-neuropathy/symptoms/">diabetic neuropathy</a> '
            "early.</p>"
        ),
        "search_description": (
            "How type 2 diabetes is treated with healthy habits, metformin and other medicines, "
            "and regular checks to prevent complications."
        ),
        "related": [
            ("drug", "metformin", "uses"),
            ("condition", "diabetic-neuropathy", "symptoms"),
        ],
        "state": "live",
    },
    {
        "subject": ("condition", "high-cholesterol"),
        "kind": "overview",
        "slug": "overview",
        "title": "What Is High Cholesterol?",
        "lead": (
            "High cholesterol means there is too much LDL (“bad”) cholesterol or other fats in the "
            "blood. Over time, it can build up in artery walls and raise the risk of heart attack "
            "and stroke. It rarely causes symptoms, so a blood test is the only way to find it."
        ),
        "body": (
            "<h2>Types of Cholesterol</h2>"
            "<p>Cholesterol travels through the blood in particles called lipoproteins. LDL "
            "carries cholesterol to the arteries, where it can form fatty deposits called plaque, "
            "while HDL (“good”) cholesterol helps carry it away to the liver. A lipid panel "
            "measures LDL, HDL, total cholesterol and triglycerides, another kind of blood fat.</p>"
            "<h2>What Causes It?</h2>"
            "<p>Diet, inactivity, excess weight and smoking all play a part, but genes matter too. "
            "Some people inherit a condition called familial hypercholesterolemia, which causes "
            "very high LDL levels from childhood.</p>"
            "<h2>How Is It Treated?</h2>"
            "<p>Eating less saturated fat, choosing more fiber-rich foods, exercising and quitting "
            "smoking all help. Many people also need a statin such as "
            '<a href="/drugs/atorvastatin/">atorvastatin</a>. Your healthcare provider will '
            "decide whether you need medicine by looking at your cholesterol levels together with "
            "your overall risk of heart disease.</p>"
        ),
        "search_description": (
            "High cholesterol explained: LDL and HDL, what causes high levels, and how lifestyle "
            "changes and statins lower heart risk."
        ),
        "related": [
            ("drug", "atorvastatin", "uses"),
        ],
        "state": "live",
    },
    {
        "subject": ("condition", "gerd"),
        "kind": "treatment",
        "slug": "treatment",
        "title": "How Is GERD Treated?",
        "lead": (
            "Gastroesophageal reflux disease (GERD) is treated by reducing how often stomach acid "
            "flows back into the esophagus and how much acid the stomach makes. Most people "
            "improve with lifestyle changes and medicine, and surgery is an option for a few."
        ),
        "body": (
            "<h2>Lifestyle Changes</h2>"
            "<p>Eating smaller meals, avoiding food for two to three hours before lying down and "
            "raising the head of the bed can all reduce reflux. It also helps to lose excess "
            "weight, stop smoking and notice whether foods such as fatty meals, chocolate, "
            "alcohol, coffee or spicy dishes bring on symptoms.</p>"
            "<h2>Medicines</h2>"
            "<p>Antacids give quick but short-lived relief. H2 blockers, such as famotidine, "
            "reduce acid for several hours. Proton pump inhibitors such as "
            '<a href="/drugs/omeprazole/">omeprazole</a> are the strongest acid reducers and '
            "are used to heal damage to the esophagus. Several are sold over the counter, but if "
            "you need them for longer than two weeks, talk to your healthcare provider.</p>"
            "<h2>When to Seek Care</h2>"
            "<p>See a healthcare provider promptly if swallowing is difficult or painful, you "
            "vomit blood, your stools are black or you lose weight without trying. Always get "
            "chest pain checked, because heart problems can feel like heartburn. If symptoms "
            "persist despite medicine, a procedure to strengthen the valve between the esophagus "
            "and stomach may help.</p>"
        ),
        "search_description": (
            "How GERD (acid reflux) is treated with lifestyle changes, antacids, H2 blockers and "
            "proton pump inhibitors, and when to see a provider."
        ),
        "related": [
            ("drug", "omeprazole", "uses"),
        ],
        "state": "live",
    },
    {
        "subject": ("condition", "hypothyroidism"),
        "kind": "symptoms",
        "slug": "symptoms",
        "title": "What Are the Symptoms of Hypothyroidism?",
        "lead": (
            "An underactive thyroid slows many of the body’s processes, so its symptoms tend to "
            "develop gradually, often over months or years. Because they are easy to mistake for "
            "stress or aging, many people do not realize they have hypothyroidism until a blood "
            "test shows it."
        ),
        "body": (
            "<h2>How Symptoms Show Up</h2>"
            "<p>Thyroid hormone helps set how quickly the body uses energy. Without enough of it, "
            "people often feel tired and sluggish, are unusually bothered by cold, and may put on "
            "weight even though their eating habits have not changed. Skin can become dry, hair "
            "may thin, and thinking can feel slower.</p>"
            "<p>Untreated hypothyroidism can also raise cholesterol and, during pregnancy, can "
            "affect a baby’s development, so an accurate diagnosis matters.</p>"
            "<h2>Getting Tested and Treated</h2>"
            "<p>A simple blood test for thyroid-stimulating hormone (TSH), sometimes together with "
            "thyroxine (T4), can confirm the diagnosis. Daily "
            '<a href="/drugs/levothyroxine/">levothyroxine</a> usually relieves symptoms over '
            "several weeks to a few months. Talk to your healthcare provider if you notice several "
            "of these changes.</p>"
        ),
        "search_description": (
            "The symptoms of hypothyroidism (an underactive thyroid), why they are easy to miss, "
            "and how it is diagnosed and treated."
        ),
        "related": [
            ("drug", "levothyroxine", "uses"),
        ],
        "state": "live",
    },
    {
        "subject": ("condition", "migraine"),
        "kind": "symptoms",
        "slug": "symptoms",
        "title": "What Are the Symptoms of Migraine?",
        "lead": (
            "A migraine is much more than a bad headache. Attacks bring moderate to severe, "
            "usually throbbing pain, often on one side of the head, along with nausea and "
            "sensitivity to light and sound. Without treatment, an attack can last from a few "
            "hours to three days."
        ),
        "body": (
            "<h2>Phases of a Migraine Attack</h2>"
            "<p>Some people sense an attack coming a day or two ahead, with yawning, food "
            "cravings, mood changes or a stiff neck. About one in four people with migraine have "
            "an aura: temporary visual changes such as flashing lights or zigzag lines, or "
            "sometimes tingling or trouble speaking, which usually lasts less than an hour before "
            "the headache begins.</p>"
            "<p>During the headache, routine activity such as climbing stairs often makes the pain "
            "worse. Afterwards, many people feel drained or foggy for up to a day.</p>"
            "<h2>When to Seek Help</h2>"
            "<p>Get emergency care for a sudden, severe “worst ever” headache, or a headache with "
            "fever, a stiff neck, confusion, weakness or trouble speaking, since these can signal "
            "other serious conditions. If migraines disrupt your life, talk to your healthcare "
            'provider about treatments such as <a href="/drugs/sumatriptan/">sumatriptan</a> '
            "and about preventive options.</p>"
        ),
        "search_description": (
            "The symptoms of migraine, from warning signs and aura to the headache itself, and "
            "which warning signs need emergency care."
        ),
        "related": [
            ("drug", "sumatriptan", "uses"),
            ("drug", "ibuprofen", "uses"),
        ],
        "state": "live",
    },
    {
        "subject": ("condition", "asthma"),
        "kind": "treatment",
        "slug": "treatment",
        "title": "How Is Asthma Treated?",
        "lead": (
            "Asthma cannot be cured, but most people can control it well enough to live, work and "
            "exercise normally. Treatment combines medicines that calm airway inflammation over "
            "time, quick-relief medicines for sudden symptoms, and steps to avoid triggers."
        ),
        "body": (
            "<h2>Long-Term Control Medicines</h2>"
            "<p>Inhaled corticosteroids are the main controller medicines. Used regularly, they "
            "reduce swelling in the airways and make flare-ups less likely. They are often "
            "combined with a long-acting bronchodilator in a single inhaler, and some people with "
            "severe asthma also receive injected biologic medicines.</p>"
            "<h2>Quick-Relief Medicines</h2>"
            '<p>Short-acting bronchodilators such as <a href="/drugs/albuterol/">albuterol</a> '
            "open the airways within minutes during an attack. Current guidelines also let some "
            "people use a combination inhaler containing a corticosteroid and formoterol for quick "
            "relief. Needing a rescue inhaler often is a sign that asthma is not well "
            "controlled.</p>"
            "<h2>An Asthma Action Plan</h2>"
            "<p>Work with your healthcare provider on a written plan that explains your daily "
            "medicines, how to spot worsening symptoms and when to seek emergency care. Avoiding "
            "triggers such as tobacco smoke, dust mites, pollen and pet dander, and getting a "
            "yearly flu vaccine, also help.</p>"
        ),
        "search_description": (
            "How asthma is treated with controller and quick-relief medicines, trigger avoidance "
            "and a written asthma action plan."
        ),
        "related": [
            ("drug", "albuterol", "uses"),
        ],
        "state": "live",
    },
    {
        "subject": ("condition", "osteoarthritis"),
        "kind": "overview",
        "slug": "overview",
        "title": "What Is Osteoarthritis?",
        "lead": (
            "Osteoarthritis is the most common form of arthritis. It develops when the smooth "
            "cartilage covering the ends of the bones gradually breaks down, so joints become "
            "painful and stiff. It most often affects the knees, hips, hands and spine."
        ),
        "body": (
            "<h2>Who Gets Osteoarthritis?</h2>"
            "<p>The risk rises with age. Past joint injuries, excess body weight, repeated stress "
            "on a joint and family history also make it more likely, and it is more common in "
            "women, especially after age 50.</p>"
            "<p>Symptoms usually come on slowly. Pain tends to be worse after activity and better "
            "with rest, and stiffness after waking usually loosens up within half an hour.</p>"
            "<h2>How Is It Treated?</h2>"
            "<p>Staying active is one of the best treatments, because exercise strengthens the "
            "muscles around a joint and eases pain. Losing excess weight reduces strain on the "
            "knees and hips. Pain relief options include NSAIDs such as "
            '<a href="/drugs/ibuprofen/">ibuprofen</a>, NSAID gels applied to the skin and, for '
            'long-lasting pain, <a href="/drugs/duloxetine/">duloxetine</a>. Joint injections '
            "or joint replacement surgery may help when other treatments are not enough. Talk to "
            "your healthcare provider about the safest pain relief for you.</p>"
        ),
        "search_description": (
            "Osteoarthritis explained: who gets it, how it feels and how exercise, weight loss, "
            "medicines and surgery can help."
        ),
        "related": [
            ("drug", "ibuprofen", "uses"),
            ("drug", "duloxetine", "uses"),
        ],
        "state": "live",
    },
    {
        "subject": ("condition", "menstrual-cramps"),
        "kind": "treatment",
        "slug": "treatment",
        "title": "How Are Menstrual Cramps Treated?",
        "lead": (
            "Menstrual cramps are throbbing or cramping pains in the lower belly just before or "
            "during a period. They are very common, and for most people they can be eased with "
            "over-the-counter pain relievers, heat and self-care. Severe cramps can sometimes "
            "point to another condition that needs treatment."
        ),
        "body": (
            "<h2>Self-Care and Pain Relievers</h2>"
            '<p>NSAIDs such as <a href="/drugs/ibuprofen/">ibuprofen</a> work well because they '
            "lower prostaglandins, the chemicals that make the uterus contract. They tend to work "
            "best when started at the first sign of a period or cramps. A heating pad, a warm bath "
            "and regular physical activity can also help.</p>"
            "<h2>Other Treatments</h2>"
            "<p>Hormonal birth control, such as the pill, patch, ring or a hormonal IUD, can make "
            "periods lighter and less painful. Your healthcare provider can help you weigh the "
            "options.</p>"
            "<h2>When to See a Healthcare Provider</h2>"
            "<p>Talk to a provider if cramps keep you home from school or work, get worse over "
            "time, or start after years of easy periods. These can be signs of another cause, such "
            "as endometriosis or fibroids.</p>"
        ),
        "search_description": (
            "How menstrual cramps are treated with NSAIDs, heat, exercise and hormonal birth "
            "control, and when cramps need a medical check."
        ),
        "related": [
            ("drug", "ibuprofen", "uses"),
        ],
        "state": "live",
    },
    {
        "subject": ("drug", "milnacipran"),
        "kind": "side-effects",
        "slug": "side-effects",
        "title": "What Are the Side Effects of Milnacipran?",
        "lead": (
            "Like any medicine, milnacipran can cause side effects, although not everyone gets "
            "them. Nausea is the most common, especially in the first weeks, and it often eases as "
            "the body adjusts. A few side effects are serious and need prompt medical attention."
        ),
        "body": (
            "<h2>Common Side Effects</h2>"
            "<p>In clinical studies, the side effects reported most often included nausea, "
            "headache, constipation, dizziness, trouble sleeping, hot flushes, heavy sweating, "
            "vomiting, a fast or pounding heartbeat and dry mouth. Starting at a low dose and "
            "raising it over about a week helps reduce nausea.</p>"
            "<h2>Serious Side Effects</h2>"
            "<p>Milnacipran can raise blood pressure and heart rate, so these should be checked "
            "before and during treatment. Call your healthcare provider right away if you notice "
            "worsening mood or thoughts of suicide, signs of serotonin syndrome (such as "
            "agitation, fever, a racing heart or muscle stiffness), unusual bleeding or bruising, "
            "yellowing of the skin or eyes, or difficulty passing urine.</p>"
            "<p>Do not stop milnacipran suddenly; your healthcare provider can help you lower the "
            "dose gradually.</p>"
        ),
        "search_description": (
            "The common and serious side effects of milnacipran (Savella), how to reduce nausea, "
            "and when to call your healthcare provider."
        ),
        "related": [
            ("drug", "milnacipran", "uses"),
        ],
        "state": "draft",
    },
    {
        "subject": ("drug", "duloxetine"),
        "kind": "dosage",
        "slug": "dosage",
        "title": "What Is the Dosage of Duloxetine?",
        "lead": (
            "The duloxetine dose your healthcare provider recommends depends on the condition "
            "being treated, your age and your other medical conditions. For most adult uses, the "
            "usual dose is 60 mg once a day, often after starting at 30 mg for about a week."
        ),
        "body": (
            "<h2>Typical Dosing</h2>"
            "<p>For depression, adults usually take a total of 40 mg to 60 mg a day. For "
            "generalized anxiety disorder, diabetic nerve pain, fibromyalgia and chronic "
            "musculoskeletal pain, the usual dose is 60 mg once a day. Starting at 30 mg for one "
            "week helps many people adjust and can lessen nausea. Higher doses have not been shown "
            "to work better for these pain conditions.</p>"
            "<p>Children aged 7 to 17 with generalized anxiety disorder and teenagers aged 13 to "
            "17 with fibromyalgia usually start at 30 mg once a day, and the healthcare provider "
            "may raise the dose if needed.</p>"
            "<h2>Tips for Taking Duloxetine</h2>"
            "<p>Swallow the capsules whole, with or without food; do not crush, chew or open them. "
            "If you miss a dose, take it when you remember unless it is nearly time for the next "
            "one, and never take two doses at once. Keep taking duloxetine even when you feel "
            "better, and talk to your healthcare provider before stopping, since the dose should "
            "be lowered gradually.</p>"
        ),
        "search_description": (
            "Usual duloxetine (Cymbalta) doses for depression, anxiety and pain conditions in "
            "adults and children, plus tips for taking it safely."
        ),
        "related": [
            ("drug", "duloxetine", "uses"),
            ("condition", "fibromyalgia", "overview"),
        ],
        "state": "in_review",
    },
]

DEMO_REVIEWERS = [
    {
        "username": "reviewer",
        "display_name": "Kristi Monson",
        "slug": "kristi-monson",
        "credentials": "PharmD",
        "licence_number": "RPH-0148273",
        "licence_jurisdiction": "Minnesota, USA",
        "bio": (
            "Kristi has worked as a pharmacist for more than twelve years, first in a busy "
            "community pharmacy and now in an outpatient clinic that cares for people with "
            "long-term pain, mood and sleep problems. She enjoys turning complicated prescribing "
            "information into plain advice that patients can act on. At MedInfo she reviews "
            "articles on pain, mental health and women’s health."
        ),
    },
    {
        "username": "reviewer2",
        "display_name": "Daniel Reyes",
        "slug": "daniel-reyes",
        "credentials": "PharmD, BCPS",
        "licence_number": "RPH-0392618",
        "licence_jurisdiction": "Wisconsin, USA",
        "bio": (
            "Daniel is a board-certified pharmacotherapy specialist who spent nine years on "
            "hospital cardiology and internal medicine teams before moving into patient education. "
            "He is especially interested in helping people manage blood pressure, diabetes and "
            "cholesterol medicines safely. At MedInfo he reviews articles on heart, metabolic and "
            "respiratory conditions."
        ),
    },
]
