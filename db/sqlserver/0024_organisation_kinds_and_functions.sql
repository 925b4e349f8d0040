-- Issue 20: the kinds the Commission's rules on interest representatives distinguish, an override of whether an
-- organisation is one (with its reason), and the function a participant held on the engagement's date.
ALTER TABLE organisations DROP CONSTRAINT ck_organisations_kind;
DROP INDEX ix_organisations_kind ON organisations;
ALTER TABLE organisations ALTER COLUMN kind nvarchar(30) NOT NULL;
CREATE INDEX ix_organisations_kind ON organisations (kind, name_key, id);
ALTER TABLE organisations ADD CONSTRAINT ck_organisations_kind CHECK (kind IN (N'company', N'ngo', N'association', N'publicAuthority', N'euInstitution', N'academic', N'other', N'consultancy', N'thinkTank', N'tradeUnion', N'religiousOrganisation', N'politicalParty', N'internationalOrganisation', N'thirdCountryAuthority', N'individual'));
ALTER TABLE organisations ADD interest_representative_override bit NULL,
    interest_representative_reason nvarchar(500) NULL;
ALTER TABLE organisations ADD CONSTRAINT ck_organisations_interest_representative_override
    CHECK ((interest_representative_override IS NULL AND interest_representative_reason IS NULL)
        OR (interest_representative_override IS NOT NULL AND interest_representative_reason IS NOT NULL));
ALTER TABLE engagement_participants ADD staff_function nvarchar(30) NULL
    CONSTRAINT ck_engagement_participants_function CHECK (staff_function IN (N'member', N'cabinetMember', N'secretaryGeneral',
        N'deputySecretaryGeneral', N'directorGeneral', N'deputyDirectorGeneral', N'director', N'headOfUnit', N'staff'));
