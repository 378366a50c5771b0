/// The OpenAPI 3.1 description of `/api/v1`, served at `/api/v1/openapi.json`. A test checks that every API
/// route the app registers is described here, so the two cannot drift.
enum OpenAPIDocument {
  static let json = #"""
    {
      "openapi": "3.1.0",
      "info": {
        "title": "Credo API",
        "version": "1.0.0",
        "description": "Educator credential and assignment records for California K-12 offices. Every response is limited to the caller's scope (the organizations their roles are granted at). Authenticate with a session cookie or `Authorization: Bearer TOKEN` (create tokens on your account page or with `credo user token`). Errors are application/problem+json."
      },
      "servers": [{"url": "/"}],
      "security": [{"bearer": []}],
      "paths": {
        "/api/v1/me": {
          "get": {
            "summary": "The caller's account and roles",
            "operationId": "getMe",
            "responses": {
              "200": {"description": "The account", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Me"}}}},
              "401": {"$ref": "#/components/responses/Problem"}
            }
          }
        },
        "/api/v1/organizations": {
          "get": {
            "summary": "Counties, districts and schools in scope",
            "operationId": "listOrganizations",
            "parameters": [
              {"name": "q", "in": "query", "schema": {"type": "string"}, "description": "Name words or a CDS code prefix"},
              {"name": "kind", "in": "query", "schema": {"type": "string", "enum": ["county", "district", "school"]}},
              {"name": "county", "in": "query", "schema": {"type": "string", "pattern": "^[0-9]{2}$"}},
              {"name": "district", "in": "query", "schema": {"type": "string", "pattern": "^[0-9]{7}$"}},
              {"name": "status", "in": "query", "schema": {"type": "string", "enum": ["active", "closed", "merged", "pending"]}},
              {"name": "charter", "in": "query", "schema": {"type": "string", "enum": ["yes", "no"]}},
              {"$ref": "#/components/parameters/sort"},
              {"$ref": "#/components/parameters/dir"},
              {"$ref": "#/components/parameters/page"},
              {"$ref": "#/components/parameters/limit"}
            ],
            "responses": {
              "200": {"description": "A page of organizations", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/OrganizationList"}}}},
              "401": {"$ref": "#/components/responses/Problem"},
              "403": {"$ref": "#/components/responses/Problem"}
            }
          }
        },
        "/api/v1/organizations/{cds}": {
          "get": {
            "summary": "One organization by CDS code",
            "operationId": "getOrganization",
            "parameters": [{"name": "cds", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]{14}$"}}],
            "responses": {
              "200": {"description": "The organization", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Organization"}}}},
              "401": {"$ref": "#/components/responses/Problem"},
              "404": {"$ref": "#/components/responses/Problem"}
            }
          }
        },
        "/api/v1/educators": {
          "get": {
            "summary": "Educators in scope",
            "operationId": "listEducators",
            "parameters": [
              {"name": "q", "in": "query", "schema": {"type": "string"}, "description": "Last name prefix, \"Last, First\", \"First Last\", a 10-digit SEID or a local staff ID"},
              {"name": "district", "in": "query", "schema": {"type": "string", "pattern": "^[0-9]{7}$"}},
              {"name": "school", "in": "query", "schema": {"type": "string", "pattern": "^[0-9]{14}$"}},
              {"name": "status", "in": "query", "schema": {"type": "string", "enum": ["permanent", "probationary", "temporary", "substitute", "provisional", "conditional"]}},
              {"$ref": "#/components/parameters/sort"},
              {"$ref": "#/components/parameters/dir"},
              {"$ref": "#/components/parameters/page"},
              {"$ref": "#/components/parameters/limit"}
            ],
            "responses": {
              "200": {"description": "A page of educators", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/EducatorList"}}}},
              "401": {"$ref": "#/components/responses/Problem"},
              "403": {"$ref": "#/components/responses/Problem"}
            }
          }
        },
        "/api/v1/educators/{id}": {
          "get": {
            "summary": "One educator with employment records",
            "operationId": "getEducator",
            "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "format": "uuid"}}],
            "responses": {
              "200": {"description": "The educator", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Educator"}}}},
              "401": {"$ref": "#/components/responses/Problem"},
              "404": {"$ref": "#/components/responses/Problem"}
            }
          }
        },
        "/api/v1/alert-rules": {
          "get": {
            "summary": "The expiration alert chain's rules (when each step fires, template, audience, channels)",
            "operationId": "listAlertRules",
            "responses": {
              "200": {
                "description": "Every rule, by chain and day",
                "content": {"application/json": {"schema": {"type": "array", "items": {
                  "type": "object",
                  "required": ["id", "chain", "offsetDays", "template", "audience", "channels", "renewalCodesOnly", "escalation", "enabled", "version"],
                  "properties": {
                    "id": {"type": "string", "examples": ["warning-90"]},
                    "chain": {"type": "string"},
                    "offsetDays": {"type": "integer", "description": "Days from the expiration date: negative before, 0 the day, positive after"},
                    "template": {"type": "string"},
                    "audience": {"type": "array", "items": {"type": "string", "enum": ["holder", "site_administrators", "district_analysts", "county_analysts", "payroll"]}},
                    "channels": {"type": "array", "items": {"type": "string", "enum": ["email", "in_app"]}},
                    "renewalCodesOnly": {"type": "boolean"},
                    "escalation": {"type": "boolean"},
                    "enabled": {"type": "boolean"},
                    "version": {"type": "integer"}
                  }
                }}}}
              },
              "401": {"$ref": "#/components/responses/Problem"},
              "403": {"$ref": "#/components/responses/Problem"}
            }
          }
        },
        "/api/v1/notices": {
          "get": {
            "summary": "The caller's notices (expiration alerts, misassignment notices, pay holds), newest first",
            "operationId": "listNotices",
            "parameters": [
              {"name": "unread", "in": "query", "schema": {"type": "boolean"}, "description": "Only notices not yet read"},
              {"$ref": "#/components/parameters/page"}
            ],
            "responses": {
              "200": {
                "description": "A page of 100 notices and the unread count",
                "content": {"application/json": {"schema": {
                  "type": "object",
                  "required": ["total", "unread", "page", "items"],
                  "properties": {
                    "total": {"type": "integer"},
                    "unread": {"type": "integer"},
                    "page": {"type": "integer"},
                    "items": {"type": "array", "items": {
                      "type": "object",
                      "required": ["id", "template", "subject", "audience", "trigger", "dueOn", "createdAt", "read", "delivery"],
                      "properties": {
                        "id": {"type": "string", "format": "uuid"},
                        "template": {"type": "string", "examples": ["expiration-warning", "no-valid-document", "misassignment"]},
                        "subject": {"type": "string"},
                        "audience": {"type": "string", "enum": ["holder", "site_administrators", "district_analysts", "county_analysts", "payroll"]},
                        "educatorId": {"type": ["string", "null"], "format": "uuid"},
                        "organizationId": {"type": ["string", "null"], "format": "uuid"},
                        "trigger": {"type": "string"},
                        "dueOn": {"type": "string", "format": "date"},
                        "createdAt": {"type": "string", "format": "date-time"},
                        "read": {"type": "boolean"},
                        "delivery": {"type": "string", "enum": ["queued", "sending", "sent", "failed", "in_app"]}
                      }
                    }}
                  }
                }}}
              },
              "401": {"$ref": "#/components/responses/Problem"}
            }
          }
        },
        "/api/v1/pay/periods": {
          "get": {
            "summary": "Pay periods of the districts in scope, latest payday first",
            "operationId": "listPayPeriods",
            "responses": {
              "200": {"description": "Periods: id, district, start, end, payday", "content": {"application/json": {"schema": {"type": "array", "items": {"type": "object"}}}}},
              "401": {"$ref": "#/components/responses/Problem"},
              "403": {"$ref": "#/components/responses/Problem"}
            }
          }
        },
        "/api/v1/pay/holds": {
          "get": {
            "summary": "Pay holds (EC 45037) of the next payday in each district in scope, or of one period",
            "operationId": "listPayHolds",
            "parameters": [
              {"name": "period", "in": "query", "schema": {"type": "string", "format": "uuid"}, "description": "One period; default the next payday of each district"},
              {"name": "status", "in": "query", "schema": {"type": "string", "enum": ["held", "released", "all"]}, "description": "Default held"},
              {"name": "district", "in": "query", "schema": {"type": "string", "pattern": "^[0-9]{7}$"}},
              {"name": "q", "in": "query", "schema": {"type": "string"}, "description": "Last-name prefix or SEID"},
              {"$ref": "#/components/parameters/sort"},
              {"$ref": "#/components/parameters/dir"},
              {"$ref": "#/components/parameters/page"},
              {"$ref": "#/components/parameters/limit"}
            ],
            "responses": {
              "200": {"description": "A page: total, page, per_page, items (educator_id, seid, name, local_staff_id, district, period_start, period_end, payday, status, employed_days, uncovered, reasons: rule, days, explanation, citation)", "content": {"application/json": {"schema": {"type": "object"}}}},
              "401": {"$ref": "#/components/responses/Problem"},
              "403": {"$ref": "#/components/responses/Problem"}
            }
          }
        },
        "/api/v1/ctc-actions": {
          "get": {
            "summary": "Rows of imported CTC action lists (All Points Bulletin, license match) and their match",
            "operationId": "listCTCActions",
            "parameters": [
              {"name": "state", "in": "query", "schema": {"type": "string", "enum": ["candidates", "unmatched", "applied"]}},
              {"name": "action", "in": "query", "schema": {"type": "string", "enum": ["denial", "suspension", "revocation", "reinstatement", "public_reproval"]}},
              {"name": "source", "in": "query", "schema": {"type": "string", "enum": ["apb", "license_match"]}},
              {"name": "q", "in": "query", "schema": {"type": "string"}, "description": "Last-name prefix or SEID"},
              {"$ref": "#/components/parameters/sort"},
              {"$ref": "#/components/parameters/dir"},
              {"$ref": "#/components/parameters/page"},
              {"$ref": "#/components/parameters/limit"}
            ],
            "responses": {
              "200": {"description": "A page: total, page, per_page, items (id, state, source, last_name, first_name, seid, birth_date, action, effective_date, end_date, document, educator_id, outcome)", "content": {"application/json": {"schema": {"type": "object"}}}},
              "401": {"$ref": "#/components/responses/Problem"},
              "403": {"$ref": "#/components/responses/Problem"}
            }
          }
        },
        "/api/v1/ctc-actions/{id}": {
          "get": {
            "summary": "One CTC action row with the candidates the caller may see",
            "operationId": "getCTCAction",
            "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "format": "uuid"}}],
            "responses": {
              "200": {"description": "action, candidate_ids", "content": {"application/json": {"schema": {"type": "object"}}}},
              "401": {"$ref": "#/components/responses/Problem"},
              "404": {"$ref": "#/components/responses/Problem"}
            }
          }
        },
        "/api/v1/monitoring/exceptions": {
          "get": {
            "summary": "Monitoring exceptions and vacancies in scope, with their review status (CalSAAS-style)",
            "operationId": "listExceptions",
            "parameters": [
              {"name": "year", "in": "query", "schema": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{4}$"}, "description": "Academic year; default the current one"},
              {"name": "school", "in": "query", "schema": {"type": "string"}, "description": "7-digit district or 14-digit school code"},
              {"name": "type", "in": "query", "schema": {"type": "string", "enum": ["course", "special_education", "english_learner", "bilingual", "substitute", "non_classroom", "vacancy"]}},
              {"name": "status", "in": "query", "schema": {"type": "string", "enum": ["undetermined", "ma_review", "returned_to_lea", "returned_to_ma", "ma_completed", "submitted_to_ctc", "finalized"]}},
              {"name": "determination", "in": "query", "schema": {"type": "string", "enum": ["appropriate_assignment", "core_setting", "local_assignment_option", "calpads_error", "alternate_sped", "short_term_waiver", "other", "misassignment", "vacancy"]}},
              {"name": "seid", "in": "query", "schema": {"type": "string", "pattern": "^[0-9]{10}$"}},
              {"name": "resolved", "in": "query", "schema": {"type": "string", "enum": ["1"]}, "description": "Include exceptions a later run no longer raises"},
              {"$ref": "#/components/parameters/sort"},
              {"$ref": "#/components/parameters/dir"},
              {"$ref": "#/components/parameters/page"},
              {"$ref": "#/components/parameters/limit"}
            ],
            "responses": {
              "200": {"description": "A page of exceptions: total, page, per_page, items (academic_year, outcome_key, url, cds_code, seid, state_course_code, assignment_code, section_id, status, exception_type, detail, rule, citation, explanation, review_status, proposed_determination, determination, version)", "content": {"application/json": {"schema": {"type": "object"}}}},
              "401": {"$ref": "#/components/responses/Problem"},
              "403": {"$ref": "#/components/responses/Problem"}
            }
          }
        },
        "/api/v1/monitoring/exceptions/{year}/{key}": {
          "get": {
            "summary": "One exception with the steps the caller may take and its history",
            "operationId": "getException",
            "parameters": [
              {"name": "year", "in": "path", "required": true, "schema": {"type": "string"}},
              {"name": "key", "in": "path", "required": true, "schema": {"type": "string"}, "description": "The outcome key, base64url without padding (as in the list's url)"}
            ],
            "responses": {
              "200": {"description": "exception, actions, history", "content": {"application/json": {"schema": {"type": "object"}}}},
              "401": {"$ref": "#/components/responses/Problem"},
              "404": {"$ref": "#/components/responses/Problem"}
            }
          }
        },
        "/api/v1/monitoring/exceptions/{year}/{key}/steps": {
          "post": {
            "summary": "Take one review step: propose, send_to_monitoring_authority, return_to_lea, complete, accept_proposal, override, submit_to_ctc, reopen, add_comment",
            "operationId": "takeExceptionStep",
            "parameters": [
              {"name": "year", "in": "path", "required": true, "schema": {"type": "string"}},
              {"name": "key", "in": "path", "required": true, "schema": {"type": "string"}}
            ],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["action", "version"], "properties": {"action": {"type": "string"}, "determination": {"type": "string"}, "comment": {"type": "string"}, "version": {"type": "integer", "description": "The version read; a step taken meanwhile by someone else answers 409"}}}}}},
            "responses": {
              "200": {"description": "The exception after the step"},
              "401": {"$ref": "#/components/responses/Problem"},
              "403": {"$ref": "#/components/responses/Problem"},
              "409": {"$ref": "#/components/responses/Problem"},
              "422": {"$ref": "#/components/responses/Problem"}
            }
          }
        },
        "/api/v1/catalog/courses/{code}": {
          "get": {
            "summary": "A CALPADS state course and the CTC documents, authorizations and subjects that authorize it",
            "operationId": "getCatalogCourse",
            "parameters": [{"name": "code", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]{4}$"}, "description": "State course code, e.g. 9325"}],
            "responses": {
              "200": {"description": "The course and its authorization rules", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CatalogCourse"}}}},
              "401": {"$ref": "#/components/responses/Problem"},
              "404": {"$ref": "#/components/responses/Problem"}
            }
          }
        },
        "/api/v1/catalog/authorizations/{code}": {
          "get": {
            "summary": "A CTC authorization code and the courses it authorizes, with restrictions",
            "operationId": "getCatalogAuthorization",
            "parameters": [
              {"name": "code", "in": "path", "required": true, "schema": {"type": "string"}, "description": "CTC authorization code, e.g. R2B"},
              {"name": "subject", "in": "query", "schema": {"type": "string"}, "description": "Only rules for this CTC subject code, e.g. MATH"}
            ],
            "responses": {
              "200": {"description": "The authorization and the courses it covers", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CatalogAuthorization"}}}},
              "401": {"$ref": "#/components/responses/Problem"},
              "404": {"$ref": "#/components/responses/Problem"}
            }
          }
        },
        "/api/v1/monitoring/reports/williams": {
          "get": {
            "summary": "Williams report: per school, teacher misassignments, EL misassignments, services misassignments and vacancies (current findings, counted in assignments)",
            "operationId": "getWilliamsReport",
            "parameters": [
              {"$ref": "#/components/parameters/year"},
              {"name": "district", "in": "query", "schema": {"type": "string", "pattern": "^[0-9]{7}$"}},
              {"name": "q", "in": "query", "schema": {"type": "string"}, "description": "School name words or a CDS code prefix"}
            ],
            "responses": {
              "200": {"description": "The report", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WilliamsReport"}}}},
              "401": {"$ref": "#/components/responses/Problem"},
              "403": {"$ref": "#/components/responses/Problem"},
              "422": {"$ref": "#/components/responses/Problem"}
            }
          }
        },
        "/api/v1/monitoring/reports/exceptions": {
          "get": {
            "summary": "Exceptions summary: current findings by status and exception type per school, district or county",
            "operationId": "getExceptionsSummary",
            "parameters": [
              {"$ref": "#/components/parameters/year"},
              {"name": "level", "in": "query", "schema": {"type": "string", "enum": ["school", "district", "county"]}},
              {"name": "district", "in": "query", "schema": {"type": "string", "pattern": "^[0-9]{7}$"}},
              {"name": "q", "in": "query", "schema": {"type": "string"}}
            ],
            "responses": {
              "200": {"description": "The summary", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ExceptionsSummary"}}}},
              "401": {"$ref": "#/components/responses/Problem"},
              "403": {"$ref": "#/components/responses/Problem"},
              "422": {"$ref": "#/components/responses/Problem"}
            }
          }
        },
        "/api/v1/monitoring/schools/{cds}/schedule": {
          "get": {
            "summary": "Master schedule audit of one school: sections, teachers, grades, English learners, disabilities and the decisions",
            "operationId": "getSchoolSchedule",
            "parameters": [
              {"name": "cds", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]{14}$"}},
              {"$ref": "#/components/parameters/year"}
            ],
            "responses": {
              "200": {"description": "The school's sections", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SchoolSchedule"}}}},
              "401": {"$ref": "#/components/responses/Problem"},
              "404": {"$ref": "#/components/responses/Problem"}
            }
          }
        }
      },
      "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        "parameters": {
          "sort": {"name": "sort", "in": "query", "schema": {"type": "string"}, "description": "Column to sort by (name, cds, seid, …)"},
          "dir": {"name": "dir", "in": "query", "schema": {"type": "string", "enum": ["asc", "desc"]}},
          "page": {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}},
          "limit": {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 1000}},
          "year": {"name": "year", "in": "query", "schema": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2,4}$"}, "description": "Academic year, e.g. 2025-2026; default: the latest monitored year"}
        },
        "responses": {
          "Problem": {"description": "An error", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
        },
        "schemas": {
          "Problem": {
            "type": "object",
            "required": ["type", "title", "status", "detail"],
            "properties": {
              "type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"}, "detail": {"type": "string"},
              "errors": {"type": "array", "items": {"type": "object", "properties": {"field": {"type": "string"}, "message": {"type": "string"}}}}
            }
          },
          "Me": {
            "type": "object",
            "required": ["id", "username", "display_name", "email", "roles"],
            "properties": {
              "id": {"type": "string", "format": "uuid"}, "username": {"type": "string"}, "display_name": {"type": "string"}, "email": {"type": "string"},
              "roles": {"type": "array", "items": {
                "type": "object", "required": ["role", "label", "organization"],
                "properties": {
                  "role": {"type": "string"}, "label": {"type": "string"},
                  "organization": {"type": "object", "required": ["id", "cds_code", "name", "kind"], "properties": {
                    "id": {"type": "string", "format": "uuid"}, "cds_code": {"type": "string"}, "name": {"type": "string"}, "kind": {"type": "string"}}}
                }}}
            }
          },
          "Organization": {
            "type": "object",
            "required": ["id", "cds_code", "kind", "name", "county", "district", "status", "charter"],
            "properties": {
              "id": {"type": "string", "format": "uuid"}, "cds_code": {"type": "string"}, "kind": {"type": "string", "enum": ["county", "district", "school"]},
              "name": {"type": "string"}, "county": {"type": "string"}, "district": {"type": "string"}, "status": {"type": "string"},
              "ownership_code": {"type": "string"}, "ownership_type": {"type": "string"}, "school_type_code": {"type": "string"}, "school_type": {"type": "string"},
              "charter": {"type": "boolean"}, "charter_number": {"type": "string"}, "grade_span": {"type": ["string", "null"]},
              "open_date": {"type": ["string", "null"], "format": "date"}, "closed_date": {"type": ["string", "null"], "format": "date"},
              "city": {"type": "string"}, "zip": {"type": "string"}, "phone": {"type": "string"}, "website": {"type": "string"}
            }
          },
          "OrganizationList": {
            "type": "object", "required": ["items", "total", "page", "per_page"],
            "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Organization"}}, "total": {"type": "integer"}, "page": {"type": "integer"}, "per_page": {"type": "integer"}}
          },
          "Employment": {
            "type": "object",
            "required": ["id", "district", "local_staff_id", "status", "start_date"],
            "properties": {
              "id": {"type": "string", "format": "uuid"}, "district": {"type": "string"}, "district_cds": {"type": ["string", "null"]},
              "school": {"type": ["string", "null"]}, "school_cds": {"type": ["string", "null"]}, "local_staff_id": {"type": "string"},
              "status": {"type": "string"}, "job_title": {"type": "string"}, "bargaining_unit": {"type": "string"},
              "start_date": {"type": "string", "format": "date"}, "end_date": {"type": ["string", "null"], "format": "date"}
            }
          },
          "Educator": {
            "type": "object",
            "required": ["id", "first_name", "last_name", "employments"],
            "properties": {
              "id": {"type": "string", "format": "uuid"}, "seid": {"type": ["string", "null"], "pattern": "^[0-9]{10}$"},
              "first_name": {"type": "string"}, "middle_name": {"type": "string"}, "last_name": {"type": "string"},
              "birth_date": {"type": ["string", "null"], "format": "date"}, "email": {"type": "string"},
              "employments": {"type": "array", "items": {"$ref": "#/components/schemas/Employment"}}
            }
          },
          "CatalogTable": {
            "type": "object", "required": ["kind", "version", "source", "as_of"],
            "properties": {"kind": {"type": "string"}, "version": {"type": "integer"}, "source": {"type": "string"}, "as_of": {"type": "string", "format": "date"}}
          },
          "CatalogRule": {
            "type": "object",
            "required": ["course_code", "coverage", "document_codes", "document_title", "authorization_code", "subject_code", "subject_name", "restrictions"],
            "properties": {
              "course_code": {"type": "string"}, "subcategory": {"type": ["string", "null"]},
              "coverage": {"type": "string", "enum": ["full", "limited"]},
              "document_codes": {"type": "array", "items": {"type": "string"}}, "document_title": {"type": "string"},
              "authorization_code": {"type": "string"}, "subject_code": {"type": "string"}, "subject_name": {"type": "string"},
              "restrictions": {"type": "array", "items": {"type": "string"}}
            }
          },
          "CatalogCourse": {
            "type": "object", "required": ["code", "standards_grade_ranges", "subcategories", "authorizations", "catalog"],
            "properties": {
              "code": {"type": "string"}, "name": {"type": ["string", "null"]}, "content_area_code": {"type": ["string", "null"]},
              "content_area": {"type": ["string", "null"]}, "grade_low": {"type": ["string", "null"]}, "grade_high": {"type": ["string", "null"]},
              "standards_grade_ranges": {"type": "array", "items": {"type": "string"}},
              "first_year": {"type": ["string", "null"]}, "last_year": {"type": ["string", "null"]},
              "subcategories": {"type": "array", "items": {"type": "string"}},
              "authorizations": {"type": "array", "items": {"$ref": "#/components/schemas/CatalogRule"}},
              "catalog": {"type": "array", "items": {"$ref": "#/components/schemas/CatalogTable"}}
            }
          },
          "CatalogAuthorization": {
            "type": "object", "required": ["code", "document_codes", "courses", "catalog"],
            "properties": {
              "code": {"type": "string"}, "name": {"type": ["string", "null"]}, "document_codes": {"type": "array", "items": {"type": "string"}},
              "scope": {"type": ["string", "null"]}, "note": {"type": ["string", "null"]},
              "courses": {"type": "array", "items": {"$ref": "#/components/schemas/CatalogRule"}},
              "catalog": {"type": "array", "items": {"$ref": "#/components/schemas/CatalogTable"}}
            }
          },
          "EducatorList": {
            "type": "object", "required": ["items", "total", "page", "per_page"],
            "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Educator"}}, "total": {"type": "integer"}, "page": {"type": "integer"}, "per_page": {"type": "integer"}}
          },
          "WilliamsCounts": {
            "type": "object", "required": ["assignments", "misassignments", "el_misassignments", "service_misassignments", "vacancies", "teachers_misassigned"],
            "properties": {"assignments": {"type": "integer"}, "misassignments": {"type": "integer"}, "el_misassignments": {"type": "integer"}, "service_misassignments": {"type": "integer"}, "vacancies": {"type": "integer"}, "teachers_misassigned": {"type": "integer"}}
          },
          "WilliamsReport": {
            "type": "object", "required": ["academic_year", "totals", "schools"],
            "properties": {
              "academic_year": {"type": "string"}, "as_of": {"type": ["string", "null"], "format": "date"},
              "totals": {"$ref": "#/components/schemas/WilliamsCounts"},
              "schools": {"type": "array", "items": {"type": "object", "required": ["cds_code", "county", "district", "school", "counts"], "properties": {
                "cds_code": {"type": "string"}, "county": {"type": "string"}, "district": {"type": "string"}, "school": {"type": "string"},
                "counts": {"$ref": "#/components/schemas/WilliamsCounts"}}}}
            }
          },
          "FindingCounts": {
            "type": "object", "required": ["assignments", "by_status", "by_exception_type"],
            "properties": {"assignments": {"type": "integer"}, "by_status": {"type": "object", "additionalProperties": {"type": "integer"}}, "by_exception_type": {"type": "object", "additionalProperties": {"type": "integer"}}}
          },
          "ExceptionsSummary": {
            "type": "object", "required": ["academic_year", "level", "totals", "lines"],
            "properties": {
              "academic_year": {"type": "string"}, "as_of": {"type": ["string", "null"], "format": "date"}, "level": {"type": "string", "enum": ["school", "district", "county"]},
              "totals": {"$ref": "#/components/schemas/FindingCounts"},
              "lines": {"type": "array", "items": {"type": "object", "required": ["cds_code", "name", "county", "district", "counts"], "properties": {
                "cds_code": {"type": "string"}, "name": {"type": "string"}, "county": {"type": "string"}, "district": {"type": "string"},
                "counts": {"$ref": "#/components/schemas/FindingCounts"}}}}
            }
          },
          "SchoolSchedule": {
            "type": "object", "required": ["academic_year", "cds_code", "school", "district", "sections"],
            "properties": {
              "academic_year": {"type": "string"}, "as_of": {"type": ["string", "null"], "format": "date"}, "cds_code": {"type": "string"}, "school": {"type": "string"}, "district": {"type": "string"},
              "sections": {"type": "array", "items": {"type": "object", "required": ["local_course_id", "section_id", "academic_term", "state_course_code", "teachers", "decisions"], "properties": {
                "local_course_id": {"type": "string"}, "section_id": {"type": "string"}, "academic_term": {"type": "string"},
                "state_course_code": {"type": "string"}, "course_name": {"type": "string"}, "local_course_name": {"type": "string"}, "class_id": {"type": "string"},
                "education_service_code": {"type": "string"},
                "teachers": {"type": "array", "items": {"type": "object", "properties": {"seid": {"type": "string"}, "name": {"type": "string"}, "local_staff_id": {"type": "string"}, "vacancy": {"type": "boolean"}}}},
                "students": {"type": ["integer", "null"]}, "english_learners": {"type": ["integer", "null"]},
                "grades": {"type": "object", "additionalProperties": {"type": "integer"}}, "disabilities": {"type": "object", "additionalProperties": {"type": "integer"}},
                "decisions": {"type": "array", "items": {"type": "object", "properties": {
                  "seid": {"type": "string"}, "status": {"type": "string", "enum": ["authorized", "exception", "vacancy", "not_monitored"]}, "exception_type": {"type": "string"},
                  "detail": {"type": "string"}, "rule": {"type": "string"}, "citation": {"type": "string"}, "basis": {"type": "string"},
                  "tamo_outcome": {"type": "string"}, "explanation": {"type": "string"}}}}
              }}}
            }
          }
        }
      }
    }
    """#
}
